"""The agency side of an OIT assessment: open it, assign items, give evidence, move items
through the internal workflow and send them to the assessors."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency, Division, Person
from agencies.permissions import Perm, ensure_perm
from audit.services import audit_log
from frameworks.models import Element, FrameworkVersion
from frameworks.services import framework_lock
from lib.errors import ConflictError, DomainError, PermissionRefused, lazy_format
from lib.safe_fetch import UrlRejected, check_url_syntax, host_on_domains
from lib.thai import today_bangkok
from lib.uploads import UploadRejected, sniff_upload

from . import notifications
from .models import (
    Assessment,
    AssessmentItem,
    EvidenceEntry,
    EvidenceRevision,
    ItemState,
    Phase,
    ReturnComment,
)
from .rules import (
    EDITABLE_STATES,
    phase_window,
    require_evidence_editor,
    require_transition,
    transition_for,
)


def _lock_item(assessment_item: AssessmentItem, base_version: int | None) -> AssessmentItem:
    """Re-read the item under a row lock; refuse if someone changed it since the form was built."""
    locked = AssessmentItem.objects.select_for_update().select_related("assessment__agency", "item").get(
        pk=assessment_item.pk
    )
    if base_version is not None and locked.version != base_version:
        raise ConflictError(
            _("Someone else changed this item while you were working on it. Your input is kept below; "
              "reload the item, check their change, then save again.")
        )
    return locked


def _bump(item: AssessmentItem, *fields: str) -> None:
    item.version += 1
    item.save(update_fields=["version", *fields])


def require_phase(assessment: Assessment, code: str, *, today: dt.date | None = None) -> None:
    phase = phase_window(assessment, code)
    today = today or today_bangkok()
    if phase is None:
        raise DomainError(_("The calendar of this assessment has no such phase."), code="no_phase")
    if not phase.start <= today <= phase.end:
        raise DomainError(
            lazy_format(_("This step is only possible from %(start)s to %(end)s (%(phase)s)."), {"start": phase.start.isoformat(), "end": phase.end.isoformat(), "phase": phase.name_th}),
            code="outside_window",
        )


# --- opening -----------------------------------------------------------------------------


def _default_officer(people: Sequence[Person], division: Division | None, position: str) -> Person | None:
    if not position:
        return None
    for person in people:
        if person.position_th.startswith(position) and (division is None or person.division_id == division.pk):
            return person
    return None


@transaction.atomic
def assessment_open(*, actor, agency: Agency, framework: FrameworkVersion, approval_required: bool = True) -> Assessment:
    """Open FRAMEWORK for AGENCY: phases from its calendar, the matrix prefilled from its items."""
    ensure_perm(actor, agency, Perm.OIT_MANAGE)
    if Assessment.objects.filter(agency=agency, framework=framework).exists():
        raise DomainError(lazy_format(_("This agency already has an assessment on %(code)s."), {"code": framework.code}))
    assessment = Assessment.objects.create(
        agency=agency, framework=framework, approval_required=approval_required, created_by=actor
    )
    # From now on the framework version may not change under this assessment.
    framework_lock(framework)
    phases = [
        Phase(assessment=assessment, code=p.node_id, name_th=p.name_th, name_en=p.name_en, start=p.start, end=p.end)
        for p in framework.phases.all()
    ]
    # A year whose calendar is not published yet: the phases the product acts on span the whole
    # fiscal year, named as such, until an operator sets NACC's dates (phase_update).
    given = {phase.code for phase in phases}
    for code, label in Phase.Code.choices:
        if code not in given:
            with translation.override("th"):
                name_th = str(_("%(phase)s (dates not published yet: the whole fiscal year)") % {"phase": label})
            with translation.override("en"):
                name_en = str(_("%(phase)s (dates not published yet: the whole fiscal year)") % {"phase": label})
            phases.append(Phase(assessment=assessment, code=code, name_th=name_th, name_en=name_en,
                                start=framework.period_start, end=framework.period_end))
    Phase.objects.bulk_create(phases)
    # Due dates come from NACC's collection window only, never from a placeholder phase.
    collection = phase_window(assessment, Phase.Code.OIT_COLLECTION) if Phase.Code.OIT_COLLECTION in given else None
    divisions = {d.name_th: d for d in agency.divisions.all()}
    people = list(agency.people.filter(is_active=True).order_by("pk"))
    rows = []
    for item in framework.items.order_by("position"):
        division_name = (item.responsible.get("division") or {}).get("th", "")
        position = (item.responsible.get("position") or {}).get("th", "")
        division = divisions.get(division_name)
        rows.append(
            AssessmentItem(
                assessment=assessment,
                item=item,
                division=division,
                position_th=position,
                officer=_default_officer(people, division, position),
                due_date=collection.start if collection else None,
            )
        )
    AssessmentItem.objects.bulk_create(rows)
    audit_log(
        actor=actor,
        action="oit.assessment.opened",
        target=assessment,
        agency=agency,
        payload={"framework": framework.code, "items": len(rows), "approval_required": approval_required},
    )
    return assessment


@transaction.atomic
def phase_update(*, actor, phase: Phase, start: dt.date, end: dt.date) -> Phase:
    if not actor.is_operator:
        raise PermissionRefused(_("Only operators change the assessment calendar."))
    if end < start:
        raise DomainError(_("A phase cannot end before it starts."), field="end")
    before = {"start": phase.start.isoformat(), "end": phase.end.isoformat()}
    phase.start, phase.end = start, end
    phase.save(update_fields=["start", "end"])
    audit_log(
        actor=actor,
        action="oit.phase.changed",
        target=phase,
        agency=phase.assessment.agency,
        payload={"phase": phase.code, "before": before, "after": {"start": start.isoformat(), "end": end.isoformat()}},
    )
    return phase


# --- responsibility matrix ---------------------------------------------------------------


@transaction.atomic
def matrix_assign(
    *,
    actor,
    assessment_item: AssessmentItem,
    division: Division | None,
    position_th: str,
    officer: Person | None,
    due_date: dt.date | None,
    base_version: int | None = None,
) -> AssessmentItem:
    agency = assessment_item.assessment.agency
    ensure_perm(actor, agency, Perm.OIT_MANAGE)
    if division is not None and division.agency_id != agency.pk:
        raise DomainError(_("That division belongs to another agency."), field="division")
    if officer is not None and officer.agency_id != agency.pk:
        raise DomainError(_("That officer works for another agency."), field="officer")
    item = _lock_item(assessment_item, base_version)
    officer_changed = officer is not None and item.officer_id != officer.pk
    item.division, item.position_th, item.officer, item.due_date = division, position_th.strip(), officer, due_date
    _bump(item, "division", "position_th", "officer", "due_date")
    audit_log(
        actor=actor,
        action="oit.item.assigned",
        target=item,
        agency=agency,
        payload={
            "item": item.item.code,
            "division": division.name_th if division else "",
            "officer": officer.full_name if officer else "",
            "due": due_date.isoformat() if due_date else "",
        },
    )
    if officer_changed:
        notifications.item_assigned(item)
    return item


@transaction.atomic
def matrix_bulk_assign(
    *,
    actor,
    assessment: Assessment,
    items: Sequence[AssessmentItem],
    division: Division | None = None,
    officer: Person | None = None,
    due_date: dt.date | None = None,
) -> int:
    """Set the same division, officer and/or due date on several items; unset fields stay."""
    for item in items:
        if item.assessment_id != assessment.pk:
            raise DomainError(_("An item of another assessment was selected."))
        matrix_assign(
            actor=actor,
            assessment_item=item,
            division=division if division is not None else item.division,
            position_th=item.position_th,
            officer=officer if officer is not None else item.officer,
            due_date=due_date if due_date is not None else item.due_date,
        )
    return len(items)


# --- evidence ----------------------------------------------------------------------------


@dataclass(frozen=True)
class EntryInput:
    title: str
    url: str = ""
    file: UploadedFile | None = None
    effective_date: dt.date | None = None
    covers_to: dt.date | None = None
    none_statement: bool = False


def site_host() -> str:
    """Prongsai's own host: its public section publishes for the agency, so it counts as the agency's."""
    return urlsplit(settings.SITE_URL).hostname or ""


def _clean_url(url: str, agency: Agency) -> str:
    try:
        normalised = check_url_syntax(url.strip(), allowed_ports=settings.EVIDENCE_ALLOWED_PORTS)
    except UrlRejected as exc:
        raise DomainError(exc.message, field="url", code=exc.code) from None
    domains = list(agency.domains.values_list("domain", flat=True))
    host = urlsplit(normalised).hostname or ""
    if not host_on_domains(host, [*domains, site_host()] if site_host() else domains):
        raise DomainError(
            lazy_format(_("Evidence must be on the agency's own website (%(domains)s); %(host)s is not."), {"domains": ", ".join(domains) or "—", "host": host}),
            field="url",
            code="other_domain",
        )
    return normalised


def _clean_file(upload: UploadedFile) -> str:
    """Check size and real content type (not the name's claim); return the kind's code."""
    max_bytes = settings.EVIDENCE_MAX_UPLOAD_BYTES
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    try:
        kind = sniff_upload(upload.name, head, upload.size, max_bytes=max_bytes, content=upload.file)
    except UploadRejected as exc:
        raise DomainError(exc.message, field="file", code=exc.code) from None
    upload.seek(0)
    return kind.code


@transaction.atomic
def evidence_save(
    *,
    actor,
    assessment_item: AssessmentItem,
    base_version: int | None,
    note: str = "",
    ticked: Sequence[Element] = (),
    keep_entries: Sequence[EvidenceEntry] = (),
    new_entries: Sequence[EntryInput] = (),
) -> EvidenceRevision:
    """Record a new revision: KEEP_ENTRIES from the current one plus NEW_ENTRIES.

    Nothing is overwritten: the previous revision stays as it was.
    """
    item = _lock_item(assessment_item, base_version)
    require_evidence_editor(actor, item)
    if item.state not in EDITABLE_STATES:
        raise DomainError(
            lazy_format(_("This item is %(state)s; its evidence can only change after it is returned."), {"state": item.get_state_display()}),
            code="locked",
        )
    agency = item.assessment.agency
    current = item.revisions.first()
    current_ids = set(current.entries.values_list("pk", flat=True)) if current else set()
    if any(entry.pk not in current_ids for entry in keep_entries):
        raise DomainError(_("Only entries of the current evidence can be kept."))
    foreign = [el for el in ticked if el.item_id != item.item_id]
    if foreign:
        raise DomainError(_("A ticked element belongs to another item."))

    cleaned = []
    for entry in new_entries:
        if not entry.title.strip():
            raise DomainError(_("Give each piece of evidence a title."), field="title")
        if not entry.url and entry.file is None:
            raise DomainError(_("Give a URL or upload a file."), field="url")
        url = _clean_url(entry.url, agency) if entry.url else ""
        file_type = _clean_file(entry.file) if entry.file is not None else ""
        cleaned.append((entry, url, file_type))

    revision = EvidenceRevision.objects.create(
        assessment_item=item,
        number=(current.number + 1) if current else 1,
        note=note.strip(),
        created_by=actor,
    )
    revision.ticked_elements.set(ticked)
    position = 0
    for old in keep_entries:
        EvidenceEntry.objects.create(
            revision=revision,
            title=old.title,
            url=old.url,
            file=old.file.name if old.file else "",
            file_name=old.file_name,
            file_type=old.file_type,
            effective_date=old.effective_date,
            covers_to=old.covers_to,
            none_statement=old.none_statement,
            position=position,
        )
        position += 1
    created = []
    for entry, url, file_type in cleaned:
        row = EvidenceEntry(
            revision=revision,
            title=entry.title.strip(),
            url=url,
            file_name=entry.file.name[:255] if entry.file is not None else "",
            file_type=file_type,
            effective_date=entry.effective_date,
            covers_to=entry.covers_to,
            none_statement=entry.none_statement,
            position=position,
        )
        if entry.file is not None:
            row.file.save(entry.file.name, entry.file, save=False)
        row.save()
        created.append(row)
        position += 1
    if item.state == ItemState.TODO:
        item.state = ItemState.IN_PROGRESS
    _bump(item, "state")
    audit_log(
        actor=actor,
        action="oit.evidence.revised",
        target=item,
        agency=agency,
        payload={
            "item": item.item.code,
            "revision": revision.number,
            "entries": position,
            "ticked": len(ticked),
        },
    )
    from .checks import schedule_checks

    transaction.on_commit(lambda: schedule_checks(revision_id=revision.pk))
    return revision


# --- workflow ----------------------------------------------------------------------------


@transaction.atomic
def item_transition(
    *, actor, assessment_item: AssessmentItem, action: str, base_version: int | None = None, comment: str = ""
) -> AssessmentItem:
    item = _lock_item(assessment_item, base_version)
    assessment = item.assessment
    agency = assessment.agency
    transition = transition_for(action, approval_required=assessment.approval_required)
    if transition is None:
        raise DomainError(_("This step does not exist in this assessment's workflow."), code="unknown_action")
    require_transition(actor, item, transition)
    if item.state not in transition.sources:
        raise DomainError(
            lazy_format(_("An item that is %(state)s cannot go to “%(action)s”."), {"state": item.get_state_display(), "action": transition.label}),
            code="out_of_order",
        )
    if transition.needs_comment and not comment.strip():
        raise DomainError(_("Say what needs to change when you return an item."), field="comment")
    if transition.phase:
        require_phase(assessment, transition.phase)
    latest = item.revisions.first()
    if action == "submit" and (latest is None or not latest.entries.exists()):
        raise DomainError(_("Add at least one URL or file before submitting."), code="no_evidence")

    before = item.state
    item.state = transition.target
    fields = ["state"]
    if action == "send":
        item.sent_revision, item.sent_at = latest, timezone.now()
        fields += ["sent_revision", "sent_at"]
    _bump(item, *fields)
    if comment.strip():
        ReturnComment.objects.create(assessment_item=item, author=actor, text=comment.strip())
    audit_log(
        actor=actor,
        action=f"oit.item.{transition.target}",
        target=item,
        agency=agency,
        payload={"item": item.item.code, "from": before, "to": item.state, "comment": comment.strip()[:500]},
    )
    if action == "return":
        notifications.item_returned(item, comment.strip())
    return item
