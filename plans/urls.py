from django.urls import path

from .views import actions, calendar, documents, ethics, measures, meetings, nogift, overview, risks

app_name = "plans"
P = "a/<slug:code>/plans/"
urlpatterns = [
    path(P, overview.overview, name="overview"),
    path(P + "measures/", measures.measures, name="measures"),
    path(P + "measures/plan/", measures.measure_plan_create, name="measure_plan_create"),
    path(P + "measures/analysis/", measures.analysis_point_add, name="analysis_point_add"),
    path(P + "measures/new/", measures.measure_create, name="measure_create"),
    path(P + "measures/<int:measure_id>/", measures.measure_detail, name="measure"),
    path(P + "measures/<int:measure_id>/follow-up/", measures.follow_up_add, name="follow_up_add"),
    path(P + "measures/<int:measure_id>/methods/", measures.method_add, name="method_add"),
    path(P + "measures/<int:measure_id>/status/", measures.measure_status, name="measure_status"),
    path(P + "risks/", risks.risks, name="risks"),
    path(P + "risks/register/", risks.risk_register_create, name="risk_register_create"),
    path(P + "risks/new/", risks.risk_add, name="risk_add"),
    path(P + "risks/<int:risk_id>/treatments/", risks.treatment_add, name="treatment_add"),
    path(P + "risks/treatments/<int:treatment_id>/follow-up/", risks.treatment_follow_up_add,
         name="treatment_follow_up_add"),
    path(P + "action-plan/", actions.action_plan, name="action_plan"),
    path(P + "action-plan/new/", actions.action_plan_create, name="action_plan_create"),
    path(P + "action-plan/projects/", actions.project_add, name="project_add"),
    path(P + "action-plan/reports/", actions.plan_report_file, name="plan_report_file"),
    path(P + "no-gift/", nogift.no_gift, name="no_gift"),
    path(P + "no-gift/chief-executive/", nogift.chief_executive_record, name="chief_executive_record"),
    path(P + "no-gift/declaration/", nogift.no_gift_declare, name="no_gift_declare"),
    path(P + "no-gift/activities/", nogift.no_gift_activity_add, name="no_gift_activity_add"),
    path(P + "no-gift/reports/", nogift.no_gift_report_file, name="no_gift_report_file"),
    path(P + "ethics/", ethics.ethics, name="ethics"),
    path(P + "meetings/", meetings.meetings, name="meetings"),
    path(P + "meetings/<int:meeting_id>/", meetings.meeting_detail, name="meeting"),
    path(P + "meetings/<int:meeting_id>/minutes/", meetings.meeting_minutes, name="meeting_minutes"),
    path(P + "calendar/", calendar.calendar_view, name="calendar"),
    path(P + "calendar.ics", calendar.calendar_ics, name="calendar_ics"),
    path(P + "documents/", documents.documents_index, name="documents"),
    path(P + "documents/<slug:kind>/<int:pk>.<str:fmt>", documents.document_download, name="document"),
]
