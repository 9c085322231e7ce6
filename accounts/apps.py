from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"

    def ready(self):
        # The installation's deploy checks (shared cache, second factor) register on import.
        from prongsai import checks  # noqa: F401
