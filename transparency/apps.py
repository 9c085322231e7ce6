from django.apps import AppConfig


class TransparencyConfig(AppConfig):
    name = "transparency"
    verbose_name = "Public transparency section"

    def ready(self) -> None:
        from frameworks.registry import evidence_kinds_register

        from .services import EVIDENCE_KINDS

        evidence_kinds_register(EVIDENCE_KINDS)
