from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt
from django.views.i18n import set_language

from api.urls import api

urlpatterns = [
    # Switching language is harmless to forge, and exempting it lets anonymous pages set no
    # CSRF cookie (visitors of the public section and the report channel get no cookie at all).
    path("i18n/setlang/", csrf_exempt(set_language), name="set_language"),
    path("accounts/", include("accounts.urls")),
    path("app/", include("backoffice.urls")),
    path("app/", include("plans.urls")),
    path("app/", include("backoffice.oit_urls")),
    path("api/", api.urls),
    path("django-admin/", admin.site.urls),
    path("", include("complaints.urls")),
    path("", include("surveys.urls")),
    path("", include("portal.urls")),
]
if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
