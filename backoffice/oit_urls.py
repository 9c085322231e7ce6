from django.urls import path

from . import approval_views
from . import oit_views as views

app_name = "oit"
urlpatterns = [
    path("a/<slug:code>/oit/", views.assessment_list, name="assessments"),
    path("a/<slug:code>/oit/<int:pk>/", views.assessment_detail, name="assessment"),
    path("a/<slug:code>/oit/<int:pk>/matrix/", views.matrix, name="matrix"),
    path("a/<slug:code>/oit/<int:pk>/matrix/print/", views.matrix_print, name="matrix_print"),
    path("a/<slug:code>/oit/<int:pk>/score/", views.score, name="score"),
    path("a/<slug:code>/oit/<int:pk>/calendar/", views.phases, name="phases"),
    path("a/<slug:code>/oit/<int:pk>/publish/", views.publish, name="publish"),
    path("a/<slug:code>/oit/<int:pk>/approve/", approval_views.approve, name="approve"),
    path("a/<slug:code>/oit/<int:pk>/send/", approval_views.send, name="send"),
    path("a/<slug:code>/oit/<int:pk>/approvals/<int:memo_pk>/", approval_views.approval_memo, name="approval_memo"),
    path("a/<slug:code>/oit/<int:pk>/entries/<int:entry_pk>/file/", views.entry_file, name="entry_file"),
    path("a/<slug:code>/oit/<int:pk>/items/<int:item_pk>/", views.item_detail, name="item"),
    path("a/<slug:code>/oit/<int:pk>/items/<int:item_pk>/assign/", views.item_assign, name="item_assign"),
    path("a/<slug:code>/oit/<int:pk>/items/<int:item_pk>/evidence/", views.item_evidence, name="item_evidence"),
    path("a/<slug:code>/oit/<int:pk>/items/<int:item_pk>/transition/", views.item_transition, name="item_transition"),
    path("a/<slug:code>/oit/<int:pk>/items/<int:item_pk>/verdict/", views.item_verdict, name="item_verdict"),
    path("a/<slug:code>/oit/<int:pk>/items/<int:item_pk>/confirm/", views.item_confirm, name="item_confirm"),
    path("a/<slug:code>/oit/<int:pk>/items/<int:item_pk>/clarify/", views.item_clarify, name="item_clarify"),
]
