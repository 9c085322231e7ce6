from django.core.management.base import BaseCommand

from assessments.notifications import send_due_reminders


class Command(BaseCommand):
    help = "Email officers about OIT items due in 7 days or overdue. Run daily (cron); safe to repeat."

    def handle(self, *args, **options):
        self.stdout.write(f"{send_due_reminders()} reminder(s) sent.")
