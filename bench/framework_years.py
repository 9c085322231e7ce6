"""Time to check and to load each shipped framework file, and what each holds. Prints figures;
asserts nothing.

    .venv/bin/python bench/framework_years.py

Uses a throw-away SQLite database (never the developer's). "check" is read + YAML parse +
validation (what `load_framework --check` does); "load" is a first load into an empty version
(the check included). Each is the best of 3 runs (loads in a transaction rolled back).
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
TMP = tempfile.mkdtemp(prefix="prongsai-bench-")
os.environ["DATABASE_URL"] = f"sqlite:///{TMP}/bench.sqlite3"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "prongsai.settings")

import django  # noqa: E402

django.setup()

import yaml  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import transaction  # noqa: E402

from frameworks.services import DATA_DIR, framework_file_read, framework_load  # noqa: E402


class Rollback(Exception):
    pass


def best(fn, runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def timed_load(path: Path) -> None:
    try:
        with transaction.atomic():
            framework_load(path=path)
            raise Rollback
    except Rollback:
        pass


def main() -> None:
    call_command("migrate", verbosity=0)
    print(f"YAML loader: {'CSafeLoader (libyaml)' if hasattr(yaml, 'CSafeLoader') else 'SafeLoader (pure Python)'}")
    print(f"{'file':<16}{'KB':>6}{'items':>7}{'elements':>10}  {'confirmed/inferred/unknown/unmarked elements':<46}{'check ms':>9}{'load ms':>9}")
    for path in sorted(DATA_DIR.glob("ita-*.yaml")):
        doc, _ = framework_file_read(path)
        marks = Counter(el.confidence or doc.confidence or "unmarked" for el in doc.elements)  # the file-wide mark
        status = Counter(item.elements_status for item in doc.items)
        check = best(lambda path=path: framework_file_read(path))
        load = best(lambda path=path: timed_load(path))
        framework_load(path=path)  # keep it: the next file's crosswalk may start from it
        mark_text = "/".join(str(marks.get(k, 0)) for k in ("confirmed", "inferred", "unknown", "unmarked"))
        print(f"{path.name:<16}{path.stat().st_size / 1024:>6.0f}{len(doc.items):>7}{len(doc.elements):>10}  "
              f"{mark_text:<46}{check * 1000:>9.0f}{load * 1000:>9.0f}")
        if doc.items:
            print(f"{'':<16}items by elements_status: {dict(status)}")


if __name__ == "__main__":
    main()
