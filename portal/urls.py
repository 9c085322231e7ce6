from django.urls import path, re_path

from . import agency_views, data_views, question_views, views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("sitemap.xml", agency_views.sitemap, name="sitemap"),
    path("frameworks/", views.framework_list, name="frameworks"),
    path("frameworks/<slug:code>/", views.framework_detail, name="framework"),
    path("frameworks/<slug:code>/items/<str:item_code>/", views.framework_item, name="framework_item"),
    # an agency's public section
    path("p/<slug:code>/", agency_views.agency_home, name="agency"),
    path("p/<slug:code>/items/<str:item_code>/", agency_views.item_page, name="agency_item"),
    path("p/<slug:code>/search/", agency_views.search, name="agency_search"),
    path("p/<slug:code>/embed/", agency_views.embed, name="agency_embed"),
    path("p/<slug:code>/feed.json", agency_views.feed, name="agency_feed"),
    path("p/<slug:code>/files/<str:token>/<str:name>", agency_views.published_file, name="agency_file"),
    path("p/<slug:code>/participation/", agency_views.participation, name="agency_participation"),
    path("p/<slug:code>/services/", agency_views.services, name="agency_services"),
    path("p/<slug:code>/questions/", question_views.questions, name="agency_questions"),
    path("p/<slug:code>/questions/ask/", question_views.ask, name="agency_ask"),
    path("p/<slug:code>/questions/receipt/", question_views.receipt, name="agency_receipt"),
    path("p/<slug:code>/data/", data_views.catalogue, name="agency_data"),
    path("p/<slug:code>/data/catalog.jsonld", data_views.catalogue_dcat, name="agency_dcat"),
    re_path(r"^p/(?P<code>[-\w]+)/data/(?P<slug>[-a-z0-9]+)\.(?P<fmt>csv|json)$", data_views.dataset_file, name="agency_dataset"),
]
