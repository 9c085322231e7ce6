from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

from api.urls import api
from prongsai.language import language_choose

urlpatterns = [
    path("i18n/setlang/", language_choose, name="set_language"),
    path("accounts/", include("accounts.urls")),
    path("app/", include("backoffice.urls")),
    path("app/", include("plans.urls")),
    path("app/", include("backoffice.oit_urls")),
    path("api/", api.urls),
    path("django-admin/", admin.site.urls),
    path("", include("surveys.urls")),
    path("", include("portal.urls")),
]
if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
