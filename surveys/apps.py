from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "surveys"
    verbose_name = _("IIT and EIT surveys")

    def ready(self) -> None:
        from . import checks  # noqa: F401 - registers the deployment checks
