from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from frameworks.schema import FrameworkFileError
from frameworks.services import DATA_DIR, FrameworkLocked, framework_file_read, framework_load


class Command(BaseCommand):
    help = "Validate and load framework files (default: every file in frameworks/data)."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="*", type=Path)
        parser.add_argument("--check", action="store_true", help="validate only; write nothing")

    def handle(self, *args, paths, check, **options):
        # Without paths this syncs the shipped files (as `make run` does): a version already in
        # use that the shipped file has since changed is kept as it is, with a warning.
        shipped = not paths
        paths = paths or sorted(DATA_DIR.glob("*.yaml"))
        if not paths:
            raise CommandError(f"no framework files in {DATA_DIR}")
        failed = False
        for path in paths:
            try:
                if check:
                    doc, _ = framework_file_read(path)
                    self.stdout.write(f"{path}: OK ({doc.id}: {len(doc.items)} items, {len(doc.elements)} elements)")
                    continue
                result = framework_load(path=path)
            except FrameworkFileError as exc:
                failed = True
                self.stderr.write(str(exc))
                continue
            except FrameworkLocked as exc:
                if shipped:
                    self.stderr.write(f"{path}: kept the version in use. {exc}")
                else:
                    failed = True
                    self.stderr.write(f"{path}: {exc}")
                continue
            state = "created" if result.created else ("updated" if result.changed else "unchanged")
            self.stdout.write(f"{path}: {result.version.code} {state}")
        if failed:
            raise CommandError("some framework files were rejected; nothing was written for them")
