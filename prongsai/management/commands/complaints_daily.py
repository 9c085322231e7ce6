"""Run daily: remind recipients of near deadlines, delete closed reports past retention."""

from django.core.management.base import BaseCommand

from complaints import services
from lib.thai import today_bangkok


class Command(BaseCommand):
    help = "Reminds report recipients of deadlines and deletes closed reports past their retention period."

    def handle(self, *args, **options):
        today = today_bangkok()
        reminded = services.reports_remind(today=today)
        deleted = services.reports_purge(today=today)
        self.stdout.write(f"reminders sent: {reminded}; closed reports deleted: {deleted}")
