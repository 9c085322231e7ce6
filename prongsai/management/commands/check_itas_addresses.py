from django.core.management.base import BaseCommand

from transparency.handoff import schedule_due_checks


class Command(BaseCommand):
    help = (
        "Check, as an anonymous visitor, every public address of the assessments whose OIT answer "
        "window ends within 14 days (the ITAS hand-off page lists failures first). Run daily (cron)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=14)

    def handle(self, *args, days: int, **options):
        self.stdout.write(f"{schedule_due_checks(within_days=days)} assessment(s) queued for address checks.")
