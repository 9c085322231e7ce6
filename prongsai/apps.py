from django.apps import AppConfig


class ProngsaiConfig(AppConfig):
    """The project itself as an app: project-wide management commands (demo, reminders)."""

    name = "prongsai"
    verbose_name = "Prongsai"

    def ready(self):
        # The installation's deploy checks (shared cache, second factor) register on import.
        from . import checks  # noqa: F401
