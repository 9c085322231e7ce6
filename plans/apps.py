from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "plans"
    verbose_name = _("Improvement and prevention work")

    def ready(self) -> None:
        from documents.registry import register_all
        from frameworks.registry import evidence_kinds_register

        from .evidence import EVIDENCE_KINDS
        from .official_documents import OFFICIAL_DOCUMENTS

        register_all(OFFICIAL_DOCUMENTS)
        evidence_kinds_register(EVIDENCE_KINDS)
