from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "plans"
    verbose_name = _("Improvement and prevention work")

    def ready(self) -> None:
        from assessments.evidence_sources import evidence_source_register
        from documents.registry import register_all
        from frameworks.registry import evidence_kinds_register

        from .evidence import EVIDENCE_KINDS, plans_candidates
        from .official_documents import OFFICIAL_DOCUMENTS

        register_all(OFFICIAL_DOCUMENTS)
        evidence_kinds_register(EVIDENCE_KINDS)
        evidence_source_register(plans_candidates)
