from django.urls import path

from . import views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("frameworks/", views.framework_list, name="frameworks"),
    path("frameworks/<slug:code>/", views.framework_detail, name="framework"),
    path("frameworks/<slug:code>/items/<str:item_code>/", views.framework_item, name="framework_item"),
]
