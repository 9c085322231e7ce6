"""The audit trail in sentences a person reads: one sentence per action code.

"นางสาวนิภาพร วรรณศรี ส่งข้อ o11 ให้ผู้บริหารอนุมัติ": the person comes from the entry's actor,
the item code and every other detail from the entry's payload (data, never code). An action
code without a sentence still reads as a sentence (the fallback), never as a raw code.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import gettext_lazy as _

# action code → sentence; %(actor)s is the person, every other name is a payload key.
SENTENCES: dict[str, object] = {
    # agencies
    "agency.created": _("%(actor)s created the agency (code %(code)s)"),
    "agency.domain.added": _("%(actor)s added the website %(domain)s"),
    "agency.division.created": _("%(actor)s added the division %(name)s"),
    "agency.person.created": _("%(actor)s added %(name)s to the people of the agency"),
    "agency.person.updated": _("%(actor)s updated the details of %(name)s"),
    "agency.role.granted": _("%(actor)s gave %(user)s the role %(role)s"),
    "agency.role.revoked": _("%(actor)s removed the role %(role)s from %(user)s"),
    "agency.invitation.created": _("%(actor)s invited %(email)s as %(role)s"),
    "agency.invitation.accepted": _("%(actor)s accepted the invitation and joined the agency"),
    "agency.invitation.revoked": _("%(actor)s withdrew the invitation of %(email)s"),
    "agency.working_group.appointed": _("%(actor)s recorded order %(order)s appointing the working group (%(members)s members)"),
    "agency.emblem.set": _("%(actor)s uploaded the agency's emblem for its documents"),
    "agency.emblem.removed": _("%(actor)s removed the agency's emblem from its documents"),
    "agency.working_group.updated": _("%(actor)s changed order %(order)s of the working group (%(members)s members)"),
    # accounts
    "account.api_token.created": _("%(actor)s created the API token %(name)s"),
    "account.api_token.revoked": _("%(actor)s revoked the API token %(name)s"),
    "account.password.changed": _("%(actor)s changed their password"),
    "account.password.reset": _("%(actor)s set a new password through the emailed link"),
    "account.language.changed": _("%(actor)s chose the language of their pages"),
    "account.second_factor.enrolled": _("%(actor)s added an authenticator app as a second factor"),
    "account.second_factor.failed": _("%(actor)s gave a wrong second-factor code"),
    "account.second_factor.recovery_code_used": _("%(actor)s logged in with a recovery code"),
    "account.second_factor.recovery_codes_issued": _("%(actor)s made a new set of recovery codes"),
    "account.second_factor.removed": _("%(actor)s removed their second factor"),
    "plans.results.import_requested": _("%(actor)s sent last year's results to be read in the background"),
    "plans.calendar_feed.created": _("%(actor)s made a calendar subscription link"),
    "plans.calendar_feed.revoked": _("%(actor)s revoked a calendar subscription link"),
    # frameworks and documents
    "framework.loaded": _("%(actor)s loaded the framework %(code)s"),
    "framework.upload.checked": _("%(actor)s uploaded the framework file %(code)s and had it checked"),
    "framework.published": _("%(actor)s published the framework %(code)s"),
    "documents.job.requested": _("%(actor)s asked for the document %(kind)s as %(format)s"),
    # OIT
    "oit.assessment.opened": _("%(actor)s opened the OIT assessment on %(framework)s (%(items)s items)"),
    "oit.assessment.rolled_over": _("%(actor)s carried the responsibility matrix of %(from)s over to %(to)s"),
    "oit.phase.changed": _("%(actor)s changed the dates of the phase %(phase)s"),
    "oit.item.assigned": _("%(actor)s assigned item %(item)s to %(officer)s"),
    "oit.evidence.revised": _("%(actor)s saved revision %(revision)s of the evidence of item %(item)s"),
    "oit.evidence.published": _("%(actor)s published a plans record as evidence of item %(item)s"),
    "oit.item.submitted": _("%(actor)s submitted item %(item)s to the ITA admin"),
    "oit.item.returned": _("%(actor)s returned item %(item)s with comments"),
    "oit.item.accepted": _("%(actor)s passed item %(item)s to the executive for approval"),
    "oit.item.approved": _("%(actor)s approved item %(item)s"),
    "oit.item.sent": _("%(actor)s sent item %(item)s to the assessors"),
    "oit.item.reviewed": _("%(actor)s judged item %(item)s: %(verdict)s"),
    "oit.item.clarified": _("%(actor)s filed a clarification on item %(item)s"),
    "oit.item.confirmed": _("%(actor)s confirmed the final verdict of item %(item)s: %(verdict)s"),
    "oit.approval_memo.signed": _("%(actor)s approved items %(items)s in one approval memo"),
    "oit.items.sent_together": _("%(actor)s sent items %(items)s to the assessors in one step"),
    # the public transparency section
    "public.item.published": _("%(actor)s published item %(item)s on the public page (version %(version)s)"),
    "public.profile.updated": _("%(actor)s updated the agency's public profile"),
    "public.question.asked": _("%(actor)s received a question from the public"),
    "public.question.answered": _("%(actor)s answered a question from the public"),
    "public.question.published": _("%(actor)s published a question and its answer"),
    "public.question.rejected": _("%(actor)s did not publish a question"),
    "public.participation.deleted": _("%(actor)s deleted the participation record %(title)s"),
    "public.eservice.removed": _("%(actor)s removed the e-service %(name)s"),
    "public.page.published_as_evidence": _("%(actor)s published a public page as evidence of item %(item)s"),
    # the corruption-report channel: sentences name no reporter and no report content
    "complaints.recipient.designated": _("%(actor)s designated a recipient of corruption reports"),
    "complaints.recipient.withdrawn": _("%(actor)s withdrew a recipient of corruption reports"),
    "complaints.recipient.passphrase_set": _("%(actor)s set their passphrase for corruption reports"),
    "complaints.channel.configured": _("%(actor)s configured the corruption-report channel"),
    "complaints.report.answered": _("%(actor)s answered a corruption report"),
    "complaints.report.deleted": _("%(actor)s deleted a corruption report at the end of its keeping period"),
    "complaints.report.received": _("%(actor)s marked a corruption report as received"),
    "complaints.report.screened": _("%(actor)s screened a corruption report"),
    "complaints.report.investigating": _("%(actor)s started investigating a corruption report"),
    "complaints.report.concluded": _("%(actor)s concluded a corruption report"),
    "complaints.report.referred": _("%(actor)s referred a corruption report to another body"),
    "complaints.report.closed": _("%(actor)s closed a corruption report"),
    # plans
    "plans.measure_plan.created": _("%(actor)s started the measures plan of fiscal year %(fiscal_year)s"),
    "plans.measure_plan.updated": _("%(actor)s edited the measures plan"),
    "plans.analysis.added": _("%(actor)s added a point to the analysis of last year's results"),
    "plans.analysis.results_imported": _("%(actor)s imported last year's results of %(framework)s"),
    "plans.measure.created": _("%(actor)s added measure %(number)s: %(title)s"),
    "plans.measure.updated": _("%(actor)s edited a measure"),
    "plans.measure.method_added": _("%(actor)s added method %(number)s to measure %(measure)s"),
    "plans.measure.method_updated": _("%(actor)s edited a method of a measure"),
    "plans.measure.status_changed": _("%(actor)s changed the status of a measure"),
    "plans.follow_up.added": _("%(actor)s recorded a follow-up"),
    "plans.follow_up.updated": _("%(actor)s edited a follow-up"),
    "plans.risk_register.created": _("%(actor)s started the risk register of fiscal year %(fiscal_year)s"),
    "plans.risk.added": _("%(actor)s added risk %(number)s"),
    "plans.risk.treatment_added": _("%(actor)s added a treatment to risk %(risk)s"),
    "plans.action_plan.created": _("%(actor)s started the action plan of fiscal year %(fiscal_year)s"),
    "plans.project.added": _("%(actor)s added project %(number)s to the action plan"),
    "plans.plan_report.filed": _("%(actor)s filed a report on the action plan"),
    "plans.memo.written": _("%(actor)s wrote a memo"),
    "plans.meeting.recorded": _("%(actor)s recorded a meeting"),
    "plans.meeting.minutes_recorded": _("%(actor)s recorded the minutes of a meeting (%(attendees)s attending)"),
    "plans.chief_executive.recorded": _("%(actor)s recorded %(person)s as chief executive"),
    "plans.no_gift.declared": _("%(actor)s recorded the No Gift Policy declaration of fiscal year %(fiscal_year)s"),
    "plans.no_gift.activity_added": _("%(actor)s recorded a No Gift Policy activity"),
    "plans.no_gift.report_filed": _("%(actor)s filed the No Gift Policy report"),
    "plans.ethics.recorded": _("%(actor)s recorded an ethics activity"),
    # surveys
    "surveys.campaign.created": _("%(actor)s set up the IIT/EIT surveys of fiscal year %(fiscal_year)s"),
    "surveys.campaign.updated": _("%(actor)s changed the settings of the surveys"),
    "surveys.campaign.opened": _("%(actor)s opened the surveys"),
    "surveys.campaign.closed": _("%(actor)s closed the surveys"),
    "surveys.codes.issued": _("%(actor)s issued %(count)s survey access codes"),
    "surveys.scores.imported": _("%(actor)s imported official survey scores"),
    "surveys.codes.printed": _("%(actor)s printed %(count)s survey access codes"),
    "surveys.codes.approved": _("%(actor)s approved more survey access codes (from %(from)s to %(to)s)"),
    "surveys.scores.import_requested": _("%(actor)s asked to import survey scores from %(source)s"),
    "surveys.scores.verified": _("%(actor)s verified the imported survey scores"),
}
FALLBACK = _("%(actor)s made a change to the records")
SYSTEM = _("The system")
MISSING = "—"


def _value(key: str, value) -> str:
    """A payload value as a reader sees it: labels instead of codes, never "None"."""
    from agencies.models import Role
    from assessments.models import ItemState, Verdict

    if value is None or value == "":
        return MISSING
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value) or MISSING
    labels = {"role": Role, "verdict": Verdict, "from": ItemState, "to": ItemState}
    choices = labels.get(key)
    if choices is not None and value in choices.values:
        return str(choices(value).label)
    if key == "kind":
        from documents.registry import get

        doc = get(value)
        if doc is not None:
            return str(doc.label)
    return str(value)


class _Params(dict):
    """Payload values for a sentence; a key the payload lacks reads as a dash, not an error."""

    def __missing__(self, key):
        return MISSING


def sentence(entry, actor_name: str | None = None) -> str:
    """ENTRY as a sentence in the active language."""
    params = _Params({key: _value(key, value) for key, value in (entry.payload or {}).items()})
    params["actor"] = actor_name or _actor_name(entry)
    template = SENTENCES.get(entry.action, FALLBACK)
    return str(template) % params


def _actor_name(entry) -> str:
    actor = entry.actor
    if actor is None:
        return str(SYSTEM)
    return actor.full_name or actor.email


def actor_names(entries: Iterable) -> dict[tuple[int, int | None], str]:
    """The name each actor has in the agency's records ("นางสาวนิภาพร วรรณศรี"), in one query.

    Keyed by (user id, agency id); the account's own name where no person record exists.
    """
    from agencies.models import Person

    entries = list(entries)
    users = {e.actor_id for e in entries if e.actor_id}
    agencies = {e.agency_id for e in entries if e.agency_id}
    names: dict[tuple[int, int | None], str] = {}
    for person in Person.objects.filter(user_id__in=users, agency_id__in=agencies).only(
        "title", "first_name", "last_name", "user_id", "agency_id"
    ):
        names[(person.user_id, person.agency_id)] = person.full_name
    return names


def sentences(entries: Iterable) -> list[tuple[object, str, str]]:
    """(entry, who, sentence) for ENTRIES (actor preloaded), naming people as the agency knows them."""
    entries = list(entries)
    names = actor_names(entries)
    rows = []
    for e in entries:
        who = names.get((e.actor_id, e.agency_id)) or _actor_name(e)
        rows.append((e, who, sentence(e, who)))
    return rows
