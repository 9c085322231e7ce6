from django.urls import path, re_path

from .views import frameworks, surveys

app_name = "portal"
urlpatterns = [
    path("", frameworks.home, name="home"),
    path("frameworks/", frameworks.framework_list, name="frameworks"),
    path("frameworks/<slug:code>/", frameworks.framework_detail, name="framework"),
    path("frameworks/<slug:code>/items/<str:item_code>/", frameworks.framework_item, name="framework_item"),
]

# Public survey pages, no login; the "surveys" namespace also holds the back office's survey
# pages (backoffice.urls.survey_patterns), so prongsai/urls.py joins the two.
survey_patterns = [
    path("s/<slug:public_code>/", surveys.landing, name="landing"),
    path("s/<slug:public_code>/thanks/", surveys.thanks, name="thanks"),
    path("s/<slug:public_code>/<slug:questionnaire_code>/", surveys.survey, name="survey"),
    re_path(r"^s/(?P<public_code>[-\w]+)/(?P<questionnaire_code>[-\w]+)/qr\.(?P<fmt>svg|png)$", surveys.qr, name="qr"),
]
