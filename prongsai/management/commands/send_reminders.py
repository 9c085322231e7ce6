from django.core.management.base import BaseCommand

from assessments.notifications import send_due_reminders
from plans.notifications import send_plan_reminders


class Command(BaseCommand):
    help = (
        "Email officers about OIT items due in 7 days or overdue, and agency staff about measures, "
        "methods and action-plan projects ending within 7 days and meetings tomorrow. Run daily (cron); "
        "safe to repeat."
    )

    def handle(self, *args, **options):
        self.stdout.write(f"{send_due_reminders()} OIT reminder(s) sent.")
        self.stdout.write(f"{send_plan_reminders()} plans reminder(s) sent.")
