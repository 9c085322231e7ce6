from django.apps import AppConfig


class ProngsaiConfig(AppConfig):
    """The project itself as an app: project-wide management commands (demo, reminders)."""

    name = "prongsai"
    verbose_name = "Prongsai"
