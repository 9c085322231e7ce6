from django.conf import settings
from django.core.management.base import BaseCommand
from django.test import override_settings

from agencies.demo import DEMO_PASSWORD, demo_load, demo_logins
from assessments.demo import oit_demo_load
from complaints.demo import DEMO_PASSPHRASE, complaints_demo_load
from plans.demo import plans_demo_load
from surveys.demo import surveys_demo_load
from transparency.demo import public_demo_load


class Command(BaseCommand):
    help = "Load the demo agency from the seed (once) and print the demo logins."

    def handle(self, *args, **options):
        # The demo's workflow steps would email their (fictional) people: keep that quiet.
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
            self._load()
        self.stdout.write("")
        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD}) at {settings.SITE_URL}/accounts/login/")
        for login in demo_logins():
            self.stdout.write(f"  {login.email:<36} {login.roles}")

    def _load(self):
        created = demo_load()
        self.stdout.write("Demo data loaded." if created else "Demo data already present; kept as it is.")
        if oit_demo_load():
            self.stdout.write("Demo OIT assessment loaded (its calendar moved so that answering is open today).")
        if plans_demo_load():
            self.stdout.write("Demo measures, meetings and memo loaded.")
        campaign = surveys_demo_load()
        if campaign is not None:
            self.stdout.write(f"Demo IIT/EIT surveys open at {settings.SITE_URL}/s/{campaign.public_code}/")
        if public_demo_load():
            self.stdout.write(f"Demo public section at {settings.SITE_URL}/p/muangkao/")
        receipt = complaints_demo_load()
        if receipt is not None:
            self.stdout.write(
                f"Demo corruption reports: report at {settings.SITE_URL}/p/muangkao/report/ ; recipients "
                f"wattana@ and uthai@ read them with the passphrase '{DEMO_PASSPHRASE}'; follow one at "
                f"{settings.SITE_URL}/p/muangkao/report/track/ with code {receipt.code} and secret {receipt.secret}"
            )
