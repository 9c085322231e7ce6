from django.urls import path, re_path

from .views import agency, complaints, data, frameworks, questions, surveys

app_name = "portal"
urlpatterns = [
    path("", frameworks.home, name="home"),
    path("sitemap.xml", agency.sitemap, name="sitemap"),
    path("frameworks/", frameworks.framework_list, name="frameworks"),
    path("frameworks/<slug:code>/", frameworks.framework_detail, name="framework"),
    path("frameworks/<slug:code>/items/<str:item_code>/", frameworks.framework_item, name="framework_item"),
    # an agency's public section (transparency app)
    path("p/<slug:code>/", agency.agency_home, name="agency"),
    path("p/<slug:code>/items/<str:item_code>/", agency.item_page, name="agency_item"),
    path("p/<slug:code>/search/", agency.search, name="agency_search"),
    path("p/<slug:code>/embed/", agency.embed, name="agency_embed"),
    path("p/<slug:code>/feed.json", agency.feed, name="agency_feed"),
    path("p/<slug:code>/files/<str:token>/<str:name>", agency.published_file, name="agency_file"),
    path("p/<slug:code>/participation/", agency.participation, name="agency_participation"),
    path("p/<slug:code>/services/", agency.services, name="agency_services"),
    path("p/<slug:code>/questions/", questions.questions, name="agency_questions"),
    path("p/<slug:code>/questions/ask/", questions.ask, name="agency_ask"),
    path("p/<slug:code>/questions/receipt/", questions.receipt, name="agency_receipt"),
    path("p/<slug:code>/data/", data.catalogue, name="agency_data"),
    path("p/<slug:code>/data/catalog.jsonld", data.catalogue_dcat, name="agency_dcat"),
    re_path(r"^p/(?P<code>[-\w]+)/data/(?P<slug>[-a-z0-9]+)\.(?P<fmt>csv|json)$", data.dataset_file, name="agency_dataset"),
]

# Public survey pages, no login; the "surveys" namespace also holds the back office's survey
# pages (backoffice.urls.survey_patterns), so prongsai/urls.py joins the two.
survey_patterns = [
    path("s/<slug:public_code>/", surveys.landing, name="landing"),
    path("s/<slug:public_code>/thanks/", surveys.thanks, name="thanks"),
    path("s/<slug:public_code>/<slug:questionnaire_code>/", surveys.survey, name="survey"),
    re_path(r"^s/(?P<public_code>[-\w]+)/(?P<questionnaire_code>[-\w]+)/qr\.(?P<fmt>svg|png)$", surveys.qr, name="qr"),
]

# The public side of an agency's corruption-report channel, no account; the "complaints"
# namespace also holds the recipients' pages (backoffice.urls.complaint_patterns).
complaint_patterns = [
    path("p/<slug:code>/report/", complaints.report, name="report"),
    path("p/<slug:code>/report/track/", complaints.track, name="track"),
    path("p/<slug:code>/report/statistics/", complaints.statistics, name="statistics"),
    re_path(r"^p/(?P<code>[-\w]+)/report/statistics\.(?P<fmt>csv|json)$", complaints.statistics_data, name="statistics_data"),
]
