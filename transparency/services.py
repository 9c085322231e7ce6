"""Writes of the public section: publish an item's evidence as a frozen version, keep the
public profile, take and answer citizens' questions. Every write is audited."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency, Person
from agencies.permissions import Perm, require_perm
from assessments.models import AssessmentItem, EvidenceRevision, ItemState
from assessments.services import EntryInput, evidence_save
from audit.services import audit_log
from lib.errors import ConflictError, DomainError, lazy_format
from lib.thai import today_bangkok
from surveys import guard

from .models import (
    EService,
    ParticipationRecord,
    Publication,
    PublicProfile,
    PublishedEntry,
    PublishedFile,
    Question,
    ServiceCount,
)

# --- publishing --------------------------------------------------------------------------


def publishable_revision(item: AssessmentItem) -> EvidenceRevision | None:
    """The evidence the agency stands behind: what it sent, else what its executive approved
    (or its ITA admin accepted when no approval is required). None while still in work."""
    if item.sent_revision_id:
        return item.sent_revision
    ready = {ItemState.APPROVED} | ({ItemState.ACCEPTED} if not item.assessment.approval_required else set())
    if item.state in ready:
        return item.revisions.first()
    return None


def _published_file(agency: Agency, entry, now) -> PublishedFile | None:
    if not entry.file:
        return None
    existing = PublishedFile.objects.filter(agency=agency, storage_name=entry.file.name).first()
    if existing:
        return existing
    published = PublishedFile(
        agency=agency, storage_name=entry.file.name, file_name=entry.file_name or "evidence",
        file_type=entry.file_type, first_published_at=now,
    )
    published.full_clean()
    published.save()
    return published


@transaction.atomic
def publication_create(*, actor, assessment_item: AssessmentItem, note: str = "") -> Publication:
    """Freeze the item's sent or approved evidence as the next public version."""
    item = (
        AssessmentItem.objects.select_for_update(of=("self",))
        .select_related("assessment__agency", "item", "sent_revision")
        .get(pk=assessment_item.pk)
    )
    agency = item.assessment.agency
    require_perm(actor, agency, Perm.PUBLIC_MANAGE)
    revision = publishable_revision(item)
    if revision is None:
        raise DomainError(
            _("Only evidence that was approved or sent to the assessors can be published."), code="not_ready"
        )
    last = item.publications.first()
    if last is not None and last.source_revision_id == revision.pk:
        raise ConflictError(_("This evidence is already published; nothing has changed since."), code="unchanged")
    now = timezone.now()
    publication = Publication(
        agency=agency, assessment_item=item, number=(last.number + 1) if last else 1,
        source_revision=revision, note=note.strip()[:2000] or revision.note, published_at=now, published_by=actor,
    )
    publication.full_clean()
    publication.save()
    for position, entry in enumerate(revision.entries.all()):
        copy = PublishedEntry(
            publication=publication, title=entry.title, url=entry.url, file=_published_file(agency, entry, now),
            effective_date=entry.effective_date, covers_to=entry.covers_to, none_statement=entry.none_statement,
            position=position,
        )
        copy.full_clean()
        copy.save()
    audit_log(
        actor=actor, action="public.item.published", target=item, agency=agency,
        payload={"item": item.item.code, "version": publication.number, "revision": revision.number},
    )
    return publication


@transaction.atomic
def publications_create_ready(*, actor, assessment) -> int:
    """Publish every item whose approved or sent evidence is not yet public. Returns how many."""
    count = 0
    items = assessment.items.select_related("assessment", "sent_revision").prefetch_related("publications")
    for item in items:
        revision = publishable_revision(item)
        last = next(iter(item.publications.all()), None)
        if revision is not None and (last is None or last.source_revision_id != revision.pk):
            publication_create(actor=actor, assessment_item=item)
            count += 1
    return count


# --- profile -----------------------------------------------------------------------------


@dataclass(frozen=True)
class ProfileInput:
    is_public: bool
    phone: str = ""
    email: str = ""
    website: str = ""
    office_hours_th: str = ""
    executives: tuple[Person, ...] = ()


def profile_for(agency: Agency) -> PublicProfile:
    return PublicProfile.objects.filter(agency=agency).first() or PublicProfile(agency=agency)


@transaction.atomic
def profile_update(*, actor, agency: Agency, data: ProfileInput) -> PublicProfile:
    require_perm(actor, agency, Perm.PUBLIC_MANAGE)
    if any(person.agency_id != agency.pk for person in data.executives):
        raise DomainError(_("Executives must be people of this agency."), field="executives")
    profile = profile_for(agency)
    for name in ("is_public", "phone", "email", "website", "office_hours_th"):
        setattr(profile, name, getattr(data, name))
    profile.full_clean()
    profile.save()
    profile.executives.set(data.executives)
    audit_log(
        actor=actor, action="public.profile.updated", target=profile, agency=agency,
        payload={"is_public": profile.is_public, "executives": len(data.executives)},
    )
    return profile


# --- questions ---------------------------------------------------------------------------

QUESTION_LIMIT = (5, 3600)  # questions one client may ask one agency per hour


def receipt_hash(code: str) -> str:
    return hashlib.sha256(code.strip().upper().encode()).hexdigest()


def question_scope(agency: Agency) -> str:
    return f"qa:{agency.code}"


@transaction.atomic
def question_ask(
    *, agency: Agency, text: str, contact: str = "", is_private: bool = False,
    challenge: str, solution: str, client: str,
) -> tuple[Question, str]:
    """Take a citizen's question. Returns it with the receipt code, shown once, never stored."""
    scope = question_scope(agency)
    text = text.strip()
    if len(text) < 10:
        raise DomainError(_("Please write your question in at least 10 characters."), field="text")
    if len(text) > 2000:
        raise DomainError(_("Please keep your question under 2,000 characters."), field="text")
    if guard.hit("qa", client, scope, QUESTION_LIMIT) > QUESTION_LIMIT[0]:
        raise DomainError(
            _("Too many questions from this device in a short time. Please wait an hour and try again."),
            code="rate_limited", status=429,
        )
    guard.challenge_check(scope, challenge, solution)
    code = "-".join(secrets.token_hex(3).upper() for _ in range(3))
    question = Question(
        agency=agency, text=text, contact=contact.strip()[:200], is_private=is_private, receipt_hash=receipt_hash(code)
    )
    question.full_clean()
    question.save()
    audit_log(actor=None, action="public.question.asked", target=question, agency=agency, payload={"private": is_private})
    return question, code


@transaction.atomic
def question_answer(*, actor, question: Question, answer: str) -> Question:
    question = Question.objects.select_for_update().select_related("agency").get(pk=question.pk)
    require_perm(actor, question.agency, Perm.QA_ANSWER)
    answer = answer.strip()
    if len(answer) < 2:
        raise DomainError(_("Write the answer first."), field="answer")
    if question.state in (Question.State.PUBLISHED, Question.State.REJECTED):
        raise ConflictError(_("This question is already closed; its answer can no longer change."))
    question.answer = answer
    question.answered_at = question.answered_at or timezone.now()
    question.answered_by = actor
    question.state = Question.State.PRIVATE if question.is_private else Question.State.ANSWERED
    question.full_clean()
    question.save()
    audit_log(actor=actor, action="public.question.answered", target=question, agency=question.agency)
    return question


@transaction.atomic
def question_moderate(*, actor, question: Question, publish: bool) -> Question:
    """Publish an answered question, or keep it off the public page."""
    question = Question.objects.select_for_update().select_related("agency").get(pk=question.pk)
    require_perm(actor, question.agency, Perm.PUBLIC_MANAGE)
    if publish:
        if question.is_private:
            raise DomainError(_("The asker wished this question to stay private; it cannot be published."))
        if question.state != Question.State.ANSWERED:
            raise ConflictError(_("Only an answered question waiting for moderation can be published."))
        question.state = Question.State.PUBLISHED
        question.published_at = timezone.now()
    else:
        if question.state == Question.State.PUBLISHED:
            raise ConflictError(_("This question is already published."))
        question.state = Question.State.REJECTED
    question.full_clean()
    question.save()
    audit_log(
        actor=actor, action="public.question.published" if publish else "public.question.rejected",
        target=question, agency=question.agency,
    )
    return question


def question_by_receipt(agency: Agency, code: str) -> Question | None:
    if not code.strip():
        return None
    return Question.objects.filter(agency=agency, receipt_hash=receipt_hash(code)).first()


# --- participation and services --------------------------------------------------------


def _saved(actor, obj, action: str, agency: Agency, payload: dict | None = None):
    obj.full_clean()
    obj.save()
    audit_log(actor=actor, action=action, target=obj, agency=agency, payload=payload or {})
    return obj


@transaction.atomic
def participation_record(*, actor, agency: Agency, **fields) -> ParticipationRecord:
    """Record (and so publish) a consultation or activity with who took part and what changed."""
    require_perm(actor, agency, Perm.PUBLIC_MANAGE)
    record = ParticipationRecord(agency=agency, created_by=actor, **fields)
    if record.starts_on and record.ends_on and record.ends_on < record.starts_on:
        raise DomainError(_("The last day cannot come before the first day."), field="ends_on")
    return _saved(actor, record, "public.participation.recorded", agency, {"title": record.title_th[:80]})


@transaction.atomic
def participation_delete(*, actor, record: ParticipationRecord) -> None:
    require_perm(actor, record.agency, Perm.PUBLIC_MANAGE)
    audit_log(actor=actor, action="public.participation.deleted", target=record, agency=record.agency,
              payload={"title": record.title_th[:80]})
    record.delete()


@transaction.atomic
def eservice_add(*, actor, agency: Agency, name_th: str, url: str, description_th: str = "") -> EService:
    require_perm(actor, agency, Perm.PUBLIC_MANAGE)
    position = agency.e_services.count()
    service = EService(agency=agency, name_th=name_th.strip(), url=url.strip(), description_th=description_th.strip(), position=position)
    return _saved(actor, service, "public.eservice.added", agency, {"name": service.name_th[:80]})


@transaction.atomic
def eservice_remove(*, actor, service: EService) -> None:
    require_perm(actor, service.agency, Perm.PUBLIC_MANAGE)
    audit_log(actor=actor, action="public.eservice.removed", target=service, agency=service.agency, payload={"name": service.name_th[:80]})
    service.delete()


@transaction.atomic
def service_count_record(*, actor, agency: Agency, service_th: str, month: dt.date, count: int) -> ServiceCount:
    """Record one month's count of one service; recording the same month again replaces it."""
    require_perm(actor, agency, Perm.PUBLIC_MANAGE)
    month = month.replace(day=1)
    if month > today_bangkok():
        raise DomainError(_("A month that has not begun cannot have a count yet."), field="month")
    row = ServiceCount.objects.filter(agency=agency, service_th=service_th.strip(), month=month).first()
    row = row or ServiceCount(agency=agency, service_th=service_th.strip(), month=month)
    row.count = count
    return _saved(actor, row, "public.service_count.recorded", agency, {"service": row.service_th[:80], "month": month.isoformat(), "count": count})


# --- a public page as OIT evidence, in one step ------------------------------------------

SOURCES = {  # page kind → (its public URL name, its title as evidence)
    "qa-channel": ("portal:agency_questions", _("Questions and answers (two-way channel)")),
    "participation": ("portal:agency_participation", _("Participation of outsiders in the agency's work")),
    "e-services": ("portal:agency_services", _("E-services of the agency")),
    "service-statistics": ("portal:agency_services", _("Service statistics")),
}


# The page kinds are registered with the framework loader (TransparencyConfig.ready), so each
# year's file may name them in its publishing map.
EVIDENCE_KINDS = {source: title for source, (_url_name, title) in SOURCES.items()}


def source_target(framework, source: str) -> dict | None:
    """{'record': kind, 'item': item node id, 'ticks': [element ids]} of SOURCE in FRAMEWORK's
    publishing map, or None when that year names no item for it."""
    return next((rule for rule in framework.publishing if rule["record"] == source), None)


def source_url(agency: Agency, source: str) -> str:
    url_name = SOURCES[source][0]
    return settings.SITE_URL.rstrip("/") + reverse(url_name, args=[agency.code])


@transaction.atomic
def source_publish(*, actor, assessment, source: str) -> EvidenceRevision:
    """Add the public page of SOURCE as evidence of the item the framework data names for it."""
    agency = assessment.agency
    require_perm(actor, agency, Perm.OIT_EVIDENCE)
    target = source_target(assessment.framework, source) if source in SOURCES else None
    if target is None:
        raise DomainError(_("This framework names no OIT item for this page."), code="not_mapped")
    item = assessment.items.select_related("item").filter(item__node_id=target["item"]).first()
    if item is None:
        raise DomainError(lazy_format(_("This framework has no item %(item)s."), {"item": target["item"]}))
    url = source_url(agency, source)
    current = item.revisions.first()
    keep = [entry for entry in current.entries.all() if entry.url != url] if current else []
    already = set(current.ticked_elements.all()) if current else set()
    wanted = set(item.item.elements.filter(node_id__in=target.get("ticks", [])))
    revision = evidence_save(
        actor=actor, assessment_item=item, base_version=item.version, note=current.note if current else "",
        ticked=sorted(already | wanted, key=lambda el: el.position), keep_entries=keep,
        new_entries=[EntryInput(title=str(SOURCES[source][1]), url=url, effective_date=today_bangkok())],
    )
    audit_log(actor=actor, action="public.page.published_as_evidence", target=item, agency=agency,
              payload={"source": source, "item": item.item.code, "revision": revision.number})
    return revision
