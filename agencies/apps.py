from django.apps import AppConfig


class AgenciesConfig(AppConfig):
    name = "agencies"

    def ready(self) -> None:
        from documents.registry import register_all

        from .official_documents import OFFICIAL_DOCUMENTS

        register_all(OFFICIAL_DOCUMENTS)
