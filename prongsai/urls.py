from django.conf import settings
from django.conf.urls.static import static
from django.urls import include, path

from api.urls import api

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/", include("accounts.urls")),
    path("app/", include("backoffice.urls")),
    path("app/", include("plans.urls")),
    path("app/", include("backoffice.oit_urls")),
    path("api/", api.urls),
    path("", include("surveys.urls")),
    path("", include("portal.urls")),
]
if settings.DJANGO_ADMIN_ENABLED:
    # Off unless DJANGO_ADMIN=1; accounts.middleware asks for the second factor on it.
    from django.contrib import admin

    urlpatterns.insert(0, path("django-admin/", admin.site.urls))
if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
