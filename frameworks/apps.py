from django.apps import AppConfig


class FrameworksConfig(AppConfig):
    name = "frameworks"

    def ready(self) -> None:
        from documents.registry import register_all

        from .official_documents import OFFICIAL_DOCUMENTS

        register_all(OFFICIAL_DOCUMENTS)
