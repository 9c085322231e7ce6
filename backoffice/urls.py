from django.urls import path

from . import audit_views, views

app_name = "backoffice"
urlpatterns = [
    path("", views.home, name="home"),
    path("agencies/new/", views.agency_create, name="agency_create"),
    path("a/<slug:code>/", views.agency_detail, name="agency"),
    path("a/<slug:code>/divisions/new/", views.division_create, name="division_create"),
    path("a/<slug:code>/people/", views.people, name="people"),
    path("a/<slug:code>/people/<int:person_id>/edit/", views.person_edit, name="person_edit"),
    path("a/<slug:code>/members/", views.members, name="members"),
    path("a/<slug:code>/members/<int:membership_id>/revoke/", views.membership_revoke, name="membership_revoke"),
    path("a/<slug:code>/invitations/<int:invitation_id>/revoke/", views.invitation_revoke, name="invitation_revoke"),
    path("a/<slug:code>/working-group/", views.working_groups, name="working_groups"),
    path("a/<slug:code>/working-group/new/", views.working_group_create, name="working_group_create"),
    path("a/<slug:code>/working-group/<int:group_id>/", views.working_group_detail, name="working_group"),
    path("a/<slug:code>/working-group/<int:group_id>/edit/", views.working_group_edit, name="working_group_edit"),
    path("a/<slug:code>/audit/", audit_views.audit_log, name="audit"),
    path("a/<slug:code>/audit/export.csv", audit_views.audit_export, name="audit_csv"),
]
