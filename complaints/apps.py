from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComplaintsConfig(AppConfig):
    name = "complaints"
    verbose_name = _("Corruption reports")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from documents.registry import register_all

        from .official_documents import OFFICIAL_DOCUMENTS

        register_all(OFFICIAL_DOCUMENTS)
