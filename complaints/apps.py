from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComplaintsConfig(AppConfig):
    name = "complaints"
    verbose_name = _("Corruption reports")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from assessments.evidence_sources import evidence_source_register
        from documents.registry import register_all
        from frameworks.registry import evidence_kinds_register

        from .evidence import EVIDENCE_KINDS, complaint_candidates
        from .official_documents import OFFICIAL_DOCUMENTS

        register_all(OFFICIAL_DOCUMENTS)
        evidence_kinds_register(EVIDENCE_KINDS)
        evidence_source_register(complaint_candidates)

        from transparency.opendata import Dataset, register

        from .statistics import last_report_day, open_data_rows

        register(Dataset(
            slug="complaint-statistics",
            title=_("Corruption and misconduct reports, this fiscal year"),
            description=_("Reports received per month and by kind, channel and outcome; counts under 3 are hidden."),
            frequency="monthly",
            columns=("fiscal_year", "group", "key", "count"),
            rows=open_data_rows,
            last_update=last_report_day,
            keywords=("เรื่องร้องเรียน", "ทุจริต", "ITA"),
        ))
