"""Every back-office URL (/app/...), grouped by concept; each group keeps its URL namespace.

The views live in backoffice/views/, one module per concept.
"""

from django.urls import include, path, re_path

from .views import (
    agencies,
    approvals,
    audit,
    complaints,
    documents,
    frameworks,
    home,
    oit,
    people,
    plans_actions,
    plans_calendar,
    plans_ethics,
    plans_measures,
    plans_meetings,
    plans_nogift,
    plans_overview,
    plans_risks,
    public,
    rollover,
    surveys,
    working_group,
)

agency_patterns = [
    path("", home.home, name="home"),
    path("agencies/new/", agencies.agency_create, name="agency_create"),
    path("frameworks/", frameworks.frameworks, name="frameworks"),
    path("frameworks/uploads/<int:pk>/", frameworks.framework_upload, name="framework_upload"),
    path("a/<slug:code>/", agencies.agency_detail, name="agency"),
    path("a/<slug:code>/divisions/new/", agencies.division_create, name="division_create"),
    path("a/<slug:code>/emblem/", agencies.agency_emblem, name="agency_emblem"),
    path("a/<slug:code>/people/", people.people, name="people"),
    path("a/<slug:code>/people/<int:person_id>/edit/", people.person_edit, name="person_edit"),
    path("a/<slug:code>/members/", people.members, name="members"),
    path("a/<slug:code>/members/<int:membership_id>/revoke/", people.membership_revoke, name="membership_revoke"),
    path("a/<slug:code>/invitations/<int:invitation_id>/revoke/", people.invitation_revoke, name="invitation_revoke"),
    path("a/<slug:code>/working-group/", working_group.working_groups, name="working_groups"),
    path("a/<slug:code>/working-group/new/", working_group.working_group_create, name="working_group_create"),
    path("a/<slug:code>/working-group/<int:group_id>/", working_group.working_group_detail, name="working_group"),
    path("a/<slug:code>/working-group/<int:group_id>/edit/", working_group.working_group_edit, name="working_group_edit"),
    path("a/<slug:code>/audit/", audit.audit_log, name="audit"),
    path("a/<slug:code>/audit/export.csv", audit.audit_export, name="audit_csv"),
]

oit_patterns = [
    path("a/<slug:code>/oit/", oit.assessment_list, name="assessments"),
    path("a/<slug:code>/oit/<int:pk>/", oit.assessment_detail, name="assessment"),
    path("a/<slug:code>/oit/<int:pk>/matrix/", oit.matrix, name="matrix"),
    path("a/<slug:code>/oit/<int:pk>/matrix/print/", oit.matrix_print, name="matrix_print"),
    path("a/<slug:code>/oit/<int:pk>/score/", oit.score, name="score"),
    path("a/<slug:code>/oit/<int:pk>/calendar/", oit.phases, name="phases"),
    path("a/<slug:code>/oit/<int:pk>/publish/", oit.publish, name="publish"),
    path("a/<slug:code>/oit/<int:pk>/approve/", approvals.approve, name="approve"),
    path("a/<slug:code>/oit/<int:pk>/send/", approvals.send, name="send"),
    path("a/<slug:code>/oit/<int:pk>/approvals/<int:memo_pk>/", approvals.approval_memo, name="approval_memo"),
    path("a/<slug:code>/oit/<int:pk>/rollover/", rollover.rollover, name="rollover"),
    path("a/<slug:code>/oit/<int:pk>/entries/<int:entry_pk>/file/", oit.entry_file, name="entry_file"),
    path("a/<slug:code>/oit/<int:pk>/items/<int:item_pk>/", oit.item_detail, name="item"),
    path("a/<slug:code>/oit/<int:pk>/items/<int:item_pk>/assign/", oit.item_assign, name="item_assign"),
    path("a/<slug:code>/oit/<int:pk>/items/<int:item_pk>/evidence/", oit.item_evidence, name="item_evidence"),
    path("a/<slug:code>/oit/<int:pk>/items/<int:item_pk>/transition/", oit.item_transition, name="item_transition"),
    path("a/<slug:code>/oit/<int:pk>/items/<int:item_pk>/verdict/", oit.item_verdict, name="item_verdict"),
    path("a/<slug:code>/oit/<int:pk>/items/<int:item_pk>/confirm/", oit.item_confirm, name="item_confirm"),
    path("a/<slug:code>/oit/<int:pk>/items/<int:item_pk>/clarify/", oit.item_clarify, name="item_clarify"),
]

P = "a/<slug:code>/plans/"
plans_patterns = [
    path(P, plans_overview.overview, name="overview"),
    path(P + "measures/", plans_measures.measures, name="measures"),
    path(P + "measures/plan/", plans_measures.measure_plan_create, name="measure_plan_create"),
    path(P + "measures/analysis/", plans_measures.analysis_point_add, name="analysis_point_add"),
    path(P + "measures/new/", plans_measures.measure_create, name="measure_create"),
    path(P + "measures/plan/<int:plan_id>/edit/", plans_measures.measure_plan_edit, name="measure_plan_edit"),
    path(P + "measures/analysis/import/", plans_measures.analysis_results_import, name="analysis_results_import"),
    path(P + "measures/analysis/imported/<int:result_id>/weakness/", plans_measures.imported_result_weakness,
         name="imported_result_weakness"),
    path(P + "measures/<int:measure_id>/edit/", plans_measures.measure_edit, name="measure_edit"),
    path(P + "measures/<int:measure_id>/methods/<int:method_id>/edit/", plans_measures.method_edit, name="method_edit"),
    path(P + "measures/<int:measure_id>/follow-up/<int:follow_up_id>/edit/", plans_measures.follow_up_edit,
         name="follow_up_edit"),
    path(P + "measures/<int:measure_id>/", plans_measures.measure_detail, name="measure"),
    path(P + "measures/<int:measure_id>/follow-up/", plans_measures.follow_up_add, name="follow_up_add"),
    path(P + "measures/<int:measure_id>/methods/", plans_measures.method_add, name="method_add"),
    path(P + "measures/<int:measure_id>/status/", plans_measures.measure_status, name="measure_status"),
    path(P + "risks/", plans_risks.risks, name="risks"),
    path(P + "risks/register/", plans_risks.risk_register_create, name="risk_register_create"),
    path(P + "risks/new/", plans_risks.risk_add, name="risk_add"),
    path(P + "risks/<int:risk_id>/treatments/", plans_risks.treatment_add, name="treatment_add"),
    path(P + "risks/treatments/<int:treatment_id>/follow-up/", plans_risks.treatment_follow_up_add,
         name="treatment_follow_up_add"),
    path(P + "action-plan/", plans_actions.action_plan, name="action_plan"),
    path(P + "action-plan/new/", plans_actions.action_plan_create, name="action_plan_create"),
    path(P + "action-plan/projects/", plans_actions.project_add, name="project_add"),
    path(P + "action-plan/reports/", plans_actions.plan_report_file, name="plan_report_file"),
    path(P + "no-gift/", plans_nogift.no_gift, name="no_gift"),
    path(P + "no-gift/chief-executive/", plans_nogift.chief_executive_record, name="chief_executive_record"),
    path(P + "no-gift/declaration/", plans_nogift.no_gift_declare, name="no_gift_declare"),
    path(P + "no-gift/activities/", plans_nogift.no_gift_activity_add, name="no_gift_activity_add"),
    path(P + "no-gift/reports/", plans_nogift.no_gift_report_file, name="no_gift_report_file"),
    path(P + "ethics/", plans_ethics.ethics, name="ethics"),
    path(P + "meetings/", plans_meetings.meetings, name="meetings"),
    path(P + "meetings/<int:meeting_id>/", plans_meetings.meeting_detail, name="meeting"),
    path(P + "meetings/<int:meeting_id>/minutes/", plans_meetings.meeting_minutes, name="meeting_minutes"),
    path(P + "calendar/", plans_calendar.calendar_view, name="calendar"),
    path(P + "calendar.ics", plans_calendar.calendar_ics, name="calendar_ics"),
    path(P + "calendar/feeds/", plans_calendar.calendar_feeds, name="calendar_feeds"),
    path(P + "documents/", documents.documents_index, name="documents"),
    path(P + "documents/<slug:kind>/<int:pk>.<str:fmt>", documents.document_download, name="document"),
    path(P + "documents/<slug:kind>/<int:pk>.<str:fmt>/background/", documents.document_job_start,
         name="document_job_start"),
    path(P + "documents/jobs/<int:job_id>/", documents.document_job, name="document_job"),
    path(P + "documents/jobs/<int:job_id>/progress/", documents.document_job_progress, name="document_job_progress"),
    path(P + "documents/jobs/<int:job_id>/file/", documents.document_job_file, name="document_job_file"),
]

# The survey pages of the back office; the "surveys" namespace also holds the public survey
# pages (portal.urls.survey_patterns), so prongsai/urls.py joins the two.
survey_patterns = [
    path("surveys/progress/", surveys.progress, name="progress"),
    path("a/<slug:code>/surveys/", surveys.campaigns, name="campaigns"),
    path("a/<slug:code>/surveys/<int:year>/", surveys.campaign, name="campaign"),
    path("a/<slug:code>/surveys/<int:year>/status/", surveys.status, name="status"),
    path("a/<slug:code>/surveys/<int:year>/results/", surveys.results, name="results"),
    path("a/<slug:code>/surveys/<int:year>/codes/approve/", surveys.codes_approve, name="codes_approve"),
    path("a/<slug:code>/surveys/<int:year>/results/verify/", surveys.scores_verify, name="scores_verify"),
    path("a/<slug:code>/surveys/<int:year>/poster.pdf", surveys.poster_pdf, name="poster_pdf"),
    path("a/<slug:code>/surveys/<int:year>/<slug:questionnaire_code>/codes/", surveys.counter_codes, name="counter_codes"),
    path("a/<slug:code>/surveys/<int:year>/<slug:questionnaire_code>/slips/", surveys.slips, name="slips"),
    path("a/<slug:code>/surveys/<int:year>/<slug:questionnaire_code>/poster/", surveys.poster, name="poster"),
    path("a/<slug:code>/surveys/<int:year>/<slug:questionnaire_code>/poster.pdf", surveys.poster_pdf, name="poster_pdf_one"),
]

# The agency's public section: profile and publishing, ITAS hand-off, questions, participation.
public_patterns = [
    path("a/<slug:code>/public/", public.public_section, name="section"),
    path("a/<slug:code>/public/publish/", public.publish, name="publish"),
    path("a/<slug:code>/public/records/", public.records, name="records"),
    path("a/<slug:code>/public/records/participation/<int:record_pk>/delete/", public.participation_delete,
         name="participation_delete"),
    path("a/<slug:code>/public/records/e-services/<int:service_pk>/delete/", public.eservice_delete, name="eservice_delete"),
    path("a/<slug:code>/public/evidence/", public.page_as_evidence, name="page_as_evidence"),
    path("a/<slug:code>/oit/<int:pk>/itas/", public.itas, name="itas"),
    re_path(r"^a/(?P<code>[-\w]+)/oit/(?P<pk>\d+)/itas\.(?P<fmt>csv|xlsx)$", public.itas_export, name="itas_export"),
    path("a/<slug:code>/oit/<int:pk>/itas/check/", public.itas_check, name="itas_check"),
    path("a/<slug:code>/questions/", public.questions, name="questions"),
    path("a/<slug:code>/questions/<int:question_pk>/answer/", public.question_answer, name="question_answer"),
    path("a/<slug:code>/questions/<int:question_pk>/moderate/", public.question_moderate, name="question_moderate"),
]

# The recipients' and the ITA admin's pages of the corruption-report channel ("complaints"
# namespace, joined with the public pages in prongsai/urls.py).
complaint_patterns = [
    path("a/<slug:code>/complaints/", complaints.inbox, name="inbox"),
    path("a/<slug:code>/complaints/settings/", complaints.settings_page, name="settings"),
    path("a/<slug:code>/complaints/passphrase/", complaints.passphrase, name="passphrase"),
    path("a/<slug:code>/complaints/record/", complaints.record, name="record"),
    path("a/<slug:code>/complaints/<uuid:report_id>/", complaints.report, name="report_detail"),
]

urlpatterns = [
    path("", include((agency_patterns, "backoffice"))),
    path("", include((public_patterns, "public_admin"))),
    path("", include((plans_patterns, "plans"))),
    path("", include((oit_patterns, "oit"))),
]
