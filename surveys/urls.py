from django.urls import path, re_path

from . import views_admin, views_public

app_name = "surveys"
urlpatterns = [
    # public, no login
    path("s/<slug:public_code>/", views_public.landing, name="landing"),
    path("s/<slug:public_code>/thanks/", views_public.thanks, name="thanks"),
    path("s/<slug:public_code>/<slug:questionnaire_code>/", views_public.survey, name="survey"),
    re_path(r"^s/(?P<public_code>[-\w]+)/(?P<questionnaire_code>[-\w]+)/qr\.(?P<fmt>svg|png)$", views_public.qr, name="qr"),
    # agency staff and assessors
    path("app/surveys/progress/", views_admin.progress, name="progress"),
    path("app/a/<slug:code>/surveys/", views_admin.campaigns, name="campaigns"),
    path("app/a/<slug:code>/surveys/<int:year>/", views_admin.campaign, name="campaign"),
    path("app/a/<slug:code>/surveys/<int:year>/status/", views_admin.status, name="status"),
    path("app/a/<slug:code>/surveys/<int:year>/results/", views_admin.results, name="results"),
    path("app/a/<slug:code>/surveys/<int:year>/codes/approve/", views_admin.codes_approve, name="codes_approve"),
    path("app/a/<slug:code>/surveys/<int:year>/results/verify/", views_admin.scores_verify, name="scores_verify"),
    path("app/a/<slug:code>/surveys/<int:year>/poster.pdf", views_admin.poster_pdf, name="poster_pdf"),
    path("app/a/<slug:code>/surveys/<int:year>/<slug:questionnaire_code>/codes/", views_admin.counter_codes, name="counter_codes"),
    path("app/a/<slug:code>/surveys/<int:year>/<slug:questionnaire_code>/slips/", views_admin.slips, name="slips"),
    path("app/a/<slug:code>/surveys/<int:year>/<slug:questionnaire_code>/poster/", views_admin.poster, name="poster"),
    path("app/a/<slug:code>/surveys/<int:year>/<slug:questionnaire_code>/poster.pdf", views_admin.poster_pdf, name="poster_pdf_one"),
]
