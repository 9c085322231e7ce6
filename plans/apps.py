from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "plans"
    verbose_name = _("Improvement and prevention work")

    def ready(self) -> None:
        from frameworks.registry import evidence_kinds_register

        from .evidence import EVIDENCE_KINDS

        evidence_kinds_register(EVIDENCE_KINDS)
