"""Root URLs: the back office (/app/, backoffice.urls), the API, and the anonymous pages (portal.urls)."""

from django.conf import settings
from django.conf.urls.static import static
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt

from api.urls import api
from backoffice.urls import complaint_patterns as backoffice_complaint_patterns
from backoffice.urls import survey_patterns as backoffice_survey_patterns
from portal.urls import complaint_patterns as public_complaint_patterns
from portal.urls import survey_patterns as public_survey_patterns
from prongsai.language import language_choose

# One "surveys" namespace for the public survey pages and the back office's survey pages.
survey_patterns = [*public_survey_patterns, path("app/", include(backoffice_survey_patterns))]
# Likewise "complaints": the public reporting channel and the recipients' pages.
complaint_patterns = [*public_complaint_patterns, path("app/", include(backoffice_complaint_patterns))]

urlpatterns = [
    # Switching language is harmless to forge, and exempting it lets anonymous pages set no
    # CSRF cookie (visitors of the public section and the report channel get no cookie at all).
    path("i18n/setlang/", csrf_exempt(language_choose), name="set_language"),
    path("accounts/", include("accounts.urls")),
    path("app/", include("backoffice.urls")),
    path("api/", api.urls),
    path("", include((survey_patterns, "surveys"))),
    path("", include((complaint_patterns, "complaints"))),
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
