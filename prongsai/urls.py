"""Root URLs: the back office (/app/, backoffice.urls), the API, and the anonymous pages (portal.urls)."""

from django.conf import settings
from django.conf.urls.static import static
from django.urls import include, path

from api.urls import api
from backoffice.urls import survey_patterns as backoffice_survey_patterns
from portal.urls import survey_patterns as public_survey_patterns

# One "surveys" namespace for the public survey pages and the back office's survey pages.
survey_patterns = [*public_survey_patterns, path("app/", include(backoffice_survey_patterns))]

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/", include("accounts.urls")),
    path("app/", include("backoffice.urls")),
    path("api/", api.urls),
    path("", include((survey_patterns, "surveys"))),
    path("", include("portal.urls")),
]
if settings.DJANGO_ADMIN_ENABLED:
    # Off unless DJANGO_ADMIN=1; accounts.middleware asks for the second factor on it.
    from django.contrib import admin

    urlpatterns.insert(0, path("django-admin/", admin.site.urls))
# A visitor's 404 carries no cookie (the public section promises none).
handler404 = "portal.views.public.not_found"
if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
