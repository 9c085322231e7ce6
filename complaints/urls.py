from django.urls import path, re_path

from . import views_backoffice, views_public

app_name = "complaints"

urlpatterns = [
    # public, no account
    path("t/<slug:code>/report/", views_public.report, name="report"),
    path("t/<slug:code>/report/track/", views_public.track, name="track"),
    path("t/<slug:code>/report/statistics/", views_public.statistics, name="statistics"),
    re_path(r"^t/(?P<code>[-\w]+)/report/statistics\.(?P<fmt>csv|json)$", views_public.statistics_data, name="statistics_data"),
    # recipients and the ITA admin
    path("app/a/<slug:code>/complaints/", views_backoffice.inbox, name="inbox"),
    path("app/a/<slug:code>/complaints/settings/", views_backoffice.settings_page, name="settings"),
    path("app/a/<slug:code>/complaints/passphrase/", views_backoffice.passphrase, name="passphrase"),
    path("app/a/<slug:code>/complaints/record/", views_backoffice.record, name="record"),
    path("app/a/<slug:code>/complaints/<uuid:report_id>/", views_backoffice.report, name="report_detail"),
]
