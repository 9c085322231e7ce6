from django.urls import path, re_path

from . import public_views as views

app_name = "public_admin"
urlpatterns = [
    path("a/<slug:code>/public/", views.public_section, name="section"),
    path("a/<slug:code>/public/publish/", views.publish, name="publish"),
    path("a/<slug:code>/public/records/", views.records, name="records"),
    path("a/<slug:code>/public/records/participation/<int:record_pk>/delete/", views.participation_delete, name="participation_delete"),
    path("a/<slug:code>/public/records/e-services/<int:service_pk>/delete/", views.eservice_delete, name="eservice_delete"),
    path("a/<slug:code>/public/evidence/", views.page_as_evidence, name="page_as_evidence"),
    path("a/<slug:code>/oit/<int:pk>/itas/", views.itas, name="itas"),
    re_path(r"^a/(?P<code>[-\w]+)/oit/(?P<pk>\d+)/itas\.(?P<fmt>csv|xlsx)$", views.itas_export, name="itas_export"),
    path("a/<slug:code>/oit/<int:pk>/itas/check/", views.itas_check, name="itas_check"),
    path("a/<slug:code>/questions/", views.questions, name="questions"),
    path("a/<slug:code>/questions/<int:question_pk>/answer/", views.question_answer, name="question_answer"),
    path("a/<slug:code>/questions/<int:question_pk>/moderate/", views.question_moderate, name="question_moderate"),
]
