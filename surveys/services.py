"""Writes of the survey app: campaigns, access codes, responses, imported scores.

Respondent actions (`access_code_check`, `response_submit`) write NO audit entry on purpose:
an entry's timestamp would sit beside the response and could tell who answered. Everything
the admin or assessor does is audited as usual, including every print of codes.

An answer goes first into the sealed pending pool; `responses_release` moves a shuffled batch
of at least k into the results in its own transaction (docs/anonymity.md says why).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import logging
import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency
from audit.services import audit_log
from frameworks.models import FrameworkVersion, Indicator, Questionnaire
from frameworks.services import framework_lock
from lib.errors import DomainError, lazy_format
from lib.scoring import rounded
from lib.spreadsheets import xlsx_rows
from lib.survey_scoring import answer_problems
from lib.thai import today_bangkok

from . import codes, conf, guard, seal
from .models import AccessCode, ArrivalTally, Campaign, CodeBatch, ImportedScore, PendingResponse, Response, ScoreImportJob
from .questionnaires import questionnaire_get, questionnaires_of, rules_for

logger = logging.getLogger(__name__)
MAX_CODES_PER_BATCH = 5000


def _validated(obj):
    obj.full_clean()
    obj.save()
    return obj


def code_scope(campaign: Campaign, questionnaire_code: str) -> str:
    return f"{campaign.public_code}:{questionnaire_code}"


# --- campaigns --------------------------------------------------------------------------


def _check_settings(*, framework: FrameworkVersion, eligible_staff: int, service_users, agency_group: str, opens_on, closes_on):
    if not questionnaires_of(framework):
        raise DomainError(lazy_format(_("Framework %(code)s has no questionnaires."), {"code": framework.code}), field="framework")
    if eligible_staff < 0 or (service_users is not None and service_users < 0):
        raise DomainError(_("Counts cannot be negative."), field="eligible_staff")
    if agency_group:
        rows = {row[0] for q in questionnaires_of(framework) for rule in q.sample_rules.all() for row in rule.table_rows()}
        if agency_group not in rows:
            raise DomainError(_("Choose an agency group from the list."), field="agency_group")
    if opens_on and closes_on and closes_on < opens_on:
        raise DomainError(_("The last day is before the first day."), field="closes_on")


@transaction.atomic
def campaign_create(
    *,
    actor,
    agency: Agency,
    framework: FrameworkVersion,
    fiscal_year: int,
    iit_mode: str = Campaign.IitMode.CODES,
    eligible_staff: int = 0,
    service_users: int | None = None,
    agency_group: str = "",
    opens_on: dt.date | None = None,
    closes_on: dt.date | None = None,
) -> Campaign:
    _check_settings(
        framework=framework, eligible_staff=eligible_staff, service_users=service_users,
        agency_group=agency_group, opens_on=opens_on, closes_on=closes_on,
    )
    if Campaign.objects.filter(agency=agency, fiscal_year=fiscal_year).exists():
        raise DomainError(lazy_format(_("This agency already has surveys for fiscal year %(year)s."), {"year": fiscal_year}), field="fiscal_year")
    for _attempt in range(10):
        public_code = codes.public_code_make()
        if not Campaign.objects.filter(public_code=public_code).exists():
            break
    campaign = _validated(
        Campaign(
            agency=agency, framework=framework, fiscal_year=fiscal_year, public_code=public_code,
            iit_mode=iit_mode, eligible_staff=eligible_staff, service_users=service_users,
            agency_group=agency_group, opens_on=opens_on, closes_on=closes_on,
        )
    )
    framework_lock(framework)  # answers are kept against this version's questions from now on
    audit_log(
        actor=actor, action="surveys.campaign.created", target=campaign, agency=agency,
        payload={"fiscal_year": fiscal_year, "framework": framework.code, "iit_mode": iit_mode, "eligible_staff": eligible_staff},
    )
    return campaign


@transaction.atomic
def campaign_update(
    *,
    actor,
    campaign: Campaign,
    iit_mode: str,
    eligible_staff: int,
    service_users: int | None,
    agency_group: str,
    opens_on: dt.date | None,
    closes_on: dt.date | None,
) -> Campaign:
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    _check_settings(
        framework=campaign.framework, eligible_staff=eligible_staff, service_users=service_users,
        agency_group=agency_group, opens_on=opens_on, closes_on=closes_on,
    )
    if eligible_staff > campaign.eligible_staff and _issued(campaign, "staff") and not _may_verify(actor, campaign):
        # Otherwise the cap on staff codes would be the agency's to lift at will.
        raise DomainError(
            _("Staff codes were already printed: only an assessor can raise the number of eligible staff now."),
            code="forbidden", field="eligible_staff",
        )
    if iit_mode == Campaign.IitMode.CODES and eligible_staff < _issued(campaign, "staff"):
        raise DomainError(
            lazy_format(_("%(n)s access codes were already issued; the number of staff cannot go below it."), {"n": _issued(campaign, "staff")}),
            field="eligible_staff",
        )
    campaign.iit_mode = iit_mode
    campaign.eligible_staff = eligible_staff
    campaign.service_users = service_users
    campaign.agency_group = agency_group
    campaign.opens_on = opens_on
    campaign.closes_on = closes_on
    _validated(campaign)
    audit_log(
        actor=actor, action="surveys.campaign.updated", target=campaign, agency=campaign.agency,
        payload={"iit_mode": iit_mode, "eligible_staff": eligible_staff, "service_users": service_users, "agency_group": agency_group},
    )
    return campaign


@transaction.atomic
def campaign_set_status(*, actor, campaign: Campaign, status: str) -> Campaign:
    if status not in (Campaign.Status.OPEN, Campaign.Status.CLOSED):
        raise DomainError(_("Unknown status."), field="status")
    if campaign.status == status:
        raise DomainError(lazy_format(_("The surveys are already %(status)s."), {"status": campaign.get_status_display()}))
    old = campaign.status
    campaign.status = status
    _validated(campaign)
    if status == Campaign.Status.CLOSED:
        for questionnaire in questionnaires_of(campaign.framework):
            responses_release(campaign=campaign, questionnaire_code=questionnaire.code, final=True)
    audit_log(
        actor=actor, action=f"surveys.campaign.{'opened' if status == Campaign.Status.OPEN else 'closed'}",
        target=campaign, agency=campaign.agency, payload={"from": old, "to": status},
    )
    return campaign


# --- access codes -----------------------------------------------------------------------


def _questionnaire_for(campaign: Campaign, respondents: str) -> Questionnaire | None:
    return next((q for q in questionnaires_of(campaign.framework) if q.respondents == respondents), None)


def _issued(campaign: Campaign, respondents: str) -> int:
    questionnaire = _questionnaire_for(campaign, respondents)
    if questionnaire is None:
        return 0
    return sum(campaign.code_batches.filter(questionnaire=questionnaire.code).values_list("count", flat=True))


def staff_codes_allowed(campaign: Campaign) -> int:
    """How many staff codes may exist in all: the eligible staff, plus what an assessor approved."""
    return campaign.eligible_staff + campaign.extra_codes_approved


def codes_left_to_print(campaign: Campaign, questionnaire: Questionnaire) -> int | None:
    """Staff codes still allowed for this campaign (None: no cap, a public survey's counter codes)."""
    if questionnaire.respondents != Questionnaire.Respondents.STAFF:
        return None
    return max(0, staff_codes_allowed(campaign) - _issued(campaign, questionnaire.respondents))


@transaction.atomic
def access_codes_print(*, actor, campaign: Campaign, questionnaire_code: str, count: int) -> tuple[CodeBatch, list[str]]:
    """Make COUNT single-use codes and return them to be printed now: this is the only time
    they exist in the clear. The database keeps a digest of each; the print run (who, how
    many, when) is audited. Staff codes never exceed the eligible staff plus what an
    assessor approved, whichever page asks."""
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    questionnaire = questionnaire_get(campaign.framework, questionnaire_code)
    if questionnaire is None:
        raise DomainError(_("Unknown questionnaire."), field="questionnaire")
    if not 1 <= count <= MAX_CODES_PER_BATCH:
        raise DomainError(lazy_format(_("Issue between 1 and %(max)s codes at a time."), {"max": MAX_CODES_PER_BATCH}), field="count")
    left = codes_left_to_print(campaign, questionnaire)
    if left is not None and count > left:
        raise DomainError(
            lazy_format(
                _("Only %(left)s more staff codes may be printed: %(allowed)s staff are eligible. An assessor must approve more."),
                {"left": left, "allowed": staff_codes_allowed(campaign)},
            ),
            code="over_staff", field="count",
        )
    scope = code_scope(campaign, questionnaire_code)
    made: set[str] = set()
    while len(made) < count:
        made.add(codes.access_code_make(scope))
    printed = list(made)
    secrets.SystemRandom().shuffle(printed)
    try:
        with transaction.atomic():
            AccessCode.objects.bulk_create(
                [AccessCode(campaign=campaign, questionnaire=questionnaire_code, digest=codes.access_code_digest(scope, code)) for code in printed]
            )
    except IntegrityError:  # a clash with an earlier code: astronomically rare; ask to retry
        raise DomainError(_("Could not issue the codes this time. Please try again.")) from None
    batch = _validated(CodeBatch(campaign=campaign, questionnaire=questionnaire_code, count=count, issued_by=actor if getattr(actor, "pk", None) else None))
    audit_log(
        actor=actor, action="surveys.codes.printed", target=campaign, agency=campaign.agency,
        payload={"questionnaire": questionnaire_code, "count": count, "batch": batch.pk},
    )
    return batch, printed


@transaction.atomic
def campaign_codes_approve(*, actor, campaign: Campaign, extra: int, reason: str) -> Campaign:
    """An assessor (or operator) allows EXTRA staff codes beyond the eligible staff."""
    from agencies.access import is_assessor

    if not (getattr(actor, "is_operator", False) or is_assessor(actor, campaign.agency)):
        raise DomainError(_("Only an assessor of this agency may approve more codes."), code="forbidden", status=403)
    if not 0 <= extra <= MAX_CODES_PER_BATCH:
        raise DomainError(lazy_format(_("Approve between 0 and %(max)s extra codes."), {"max": MAX_CODES_PER_BATCH}), field="extra")
    if not reason.strip():
        raise DomainError(_("Say why more codes are needed."), field="reason")
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    old = campaign.extra_codes_approved
    campaign.extra_codes_approved = extra
    _validated(campaign)
    audit_log(
        actor=actor, action="surveys.codes.approved", target=campaign, agency=campaign.agency,
        payload={"from": old, "to": extra, "reason": reason.strip()[:500]},
    )
    return campaign


# --- respondents ------------------------------------------------------------------------


def campaign_accepting(campaign: Campaign, today: dt.date) -> None:
    """Raise unless the surveys take answers today."""
    if campaign.status != Campaign.Status.OPEN:
        raise DomainError(_("This survey is not open."), code="closed")
    if campaign.opens_on and today < campaign.opens_on:
        raise DomainError(lazy_format(_("This survey opens on %(day)s."), {"day": campaign.opens_on.isoformat()}), code="closed")
    if campaign.closes_on and today > campaign.closes_on:
        raise DomainError(lazy_format(_("This survey closed on %(day)s."), {"day": campaign.closes_on.isoformat()}), code="closed")


def uses_codes(campaign: Campaign, questionnaire: Questionnaire) -> bool:
    """True when this questionnaire can only be answered with a code (staff survey in code mode)."""
    return questionnaire.respondents == Questionnaire.Respondents.STAFF and campaign.iit_mode == Campaign.IitMode.CODES


def campaign_over(campaign: Campaign, today: dt.date | None = None) -> bool:
    """True once the surveys take no more answers: closed by hand or past the last day."""
    today = today or timezone.localdate()
    return campaign.status == Campaign.Status.CLOSED or bool(campaign.closes_on and today > campaign.closes_on)


def access_code_check(*, campaign: Campaign, questionnaire: Questionnaire, code: str, client: str) -> str:
    """Check a code before showing the form; consumes nothing. Returns the normalised code."""
    scope = code_scope(campaign, questionnaire.code)
    guard.refuse_if_guessing(client, campaign)
    campaign_accepting(campaign, today_bangkok())
    normalised = codes.access_code_normalise(code)
    if not codes.access_code_well_formed(scope, normalised):
        guard.record_wrong_code(client, campaign, normalised, well_formed=False)
        raise DomainError(_("This code is not valid. Check it against your slip."), code="bad_code", field="access_code")
    digest = codes.access_code_digest(scope, normalised)
    if not AccessCode.objects.filter(campaign=campaign, questionnaire=questionnaire.code, digest=digest).exists():
        guard.record_wrong_code(client, campaign, normalised, well_formed=True)
        raise DomainError(_("This code has already been used."), code="used_code", field="access_code")
    return normalised


@dataclass(frozen=True)
class Submission:
    """What the respondent's form held, parsed by the view."""

    answers: Mapping[str, str]
    part: str = ""
    access_code: str = ""
    challenge: str = ""
    solution: str = ""
    extra_fields: Sequence[str] = ()


def _answers_refusal(problems) -> DomainError:
    kinds = {p.kind for p in problems}
    if "unknown" in kinds:
        return DomainError(_("The form holds questions that are not in this survey. Please reload the page."), code="tampered")
    if "out_of_scale" in kinds:
        return DomainError(_("Some answers are not among the choices offered. Please reload the page."), code="tampered")
    missing = sorted({p.row_id.split(".")[0] for p in problems})
    return DomainError(
        lazy_format(_("Please answer every question. Not answered yet: %(list)s"), {"list": ", ".join(missing[:10])}),
        code="incomplete",
    )


def response_submit(*, campaign: Campaign, questionnaire: Questionnaire, submission: Submission, client: str, today: dt.date | None = None) -> None:
    """Store one anonymous response, all or nothing. Raises DomainError and stores nothing
    for a closed survey, a tampered or incomplete form, a bad or used code, a missing or
    failed proof of work, or a flooding client.

    The answer is sealed into the pending pool (with the code's deletion, in one
    transaction); a batch of at least k is released into the results afterwards, in a
    transaction of its own."""
    today = today or today_bangkok()
    with_code = uses_codes(campaign, questionnaire) or bool(submission.access_code)
    if with_code:
        guard.refuse_if_guessing(client, campaign)
    else:
        guard.refuse_if_flooding(client, campaign)
    try:
        campaign_accepting(campaign, today)
        answers = _checked_answers(campaign, questionnaire, submission)
        if with_code:
            _store_with_code(campaign, questionnaire, submission, answers, client)
        else:
            scope = code_scope(campaign, questionnaire.code)
            guard.challenge_check(scope, submission.challenge, submission.solution, campaign=campaign)
            try:
                _store(campaign, questionnaire, submission.part, answers)
            except Exception:
                guard.challenge_release(submission.challenge)
                raise
    except DomainError as error:
        if not with_code and error.code not in ("closed", "incomplete", "rate_limited", "pow_harder"):
            guard.record_failure(client, campaign)
        raise
    guard.record_submission(campaign, questionnaire.code)
    try:
        responses_release(campaign=campaign, questionnaire_code=questionnaire.code)
    except DomainError as error:  # the answer is stored; the batch waits for the operator to fix the key
        logger.warning("survey answers wait unreleased: %s", error.in_language("en"))


def _checked_answers(campaign: Campaign, questionnaire: Questionnaire, submission: Submission) -> dict[str, str]:
    if submission.extra_fields:
        raise DomainError(_("The form holds fields this survey does not have. Please reload the page."), code="tampered")
    parts = questionnaire.parts_for(campaign.agency.kind)
    if parts and submission.part not in {part["id"] for part in parts}:
        raise DomainError(_("Please choose which group you belong to."), code="incomplete", field="part")
    if not parts and submission.part:
        raise DomainError(_("The form holds fields this survey does not have. Please reload the page."), code="tampered")
    answers = {key: str(value) for key, value in submission.answers.items()}
    problems = answer_problems(rules_for(questionnaire), answers)
    if problems:
        raise _answers_refusal(problems)
    return answers


def _store(campaign: Campaign, questionnaire: Questionnaire, part: str, answers: dict) -> None:
    """Seal the answer into the pending pool: no readable time, no code, a random key. The hour
    it arrived travels inside the seal, for the warning signs tallied at release."""
    scope = code_scope(campaign, questionnaire.code)
    now = timezone.localtime()
    payload = {"part": part, "answers": answers, "day": now.date().isoformat(), "hour": now.hour}
    pending = PendingResponse(campaign=campaign, questionnaire=questionnaire.code, sealed=seal.seal(scope, payload))
    pending.save(force_insert=True)


def _store_with_code(campaign, questionnaire, submission: Submission, answers: dict, client: str) -> None:
    scope = code_scope(campaign, questionnaire.code)
    code = codes.access_code_normalise(submission.access_code)
    if not code:
        raise DomainError(_("Enter the access code from your slip."), code="bad_code", field="access_code")
    if not codes.access_code_well_formed(scope, code):
        guard.record_wrong_code(client, campaign, code, well_formed=False)
        raise DomainError(_("This code is not valid. Check it against your slip."), code="bad_code", field="access_code")
    with transaction.atomic():
        # Conditional delete: of two simultaneous uses one deletes the row, the other waits
        # for its lock and then finds nothing. What is written beside it is sealed.
        with connection.cursor() as cursor:
            cursor.execute(
                f"DELETE FROM {AccessCode._meta.db_table} WHERE campaign_id = %s AND questionnaire = %s AND digest = %s",
                [campaign.pk, questionnaire.code, codes.access_code_digest(scope, code)],
            )
            consumed = cursor.rowcount
        if consumed != 1:
            guard.record_wrong_code(client, campaign, code, well_formed=True)
            raise DomainError(_("This code has already been used."), code="used_code", field="access_code")
        _store(campaign, questionnaire, submission.part, answers)


def responses_release_if_over(*, campaign: Campaign) -> int:
    """Once the surveys are over (closed, or past the last day), release what still waits."""
    if not campaign_over(campaign) or not PendingResponse.objects.filter(campaign=campaign).exists():
        return 0
    return sum(
        responses_release(campaign=campaign, questionnaire_code=q.code, final=True) for q in questionnaires_of(campaign.framework)
    )


def responses_release(*, campaign: Campaign, questionnaire_code: str, final: bool = False, today: dt.date | None = None) -> int:
    """Move waiting answers into the results when at least k wait (or all of them when FINAL,
    at the close): opened, shuffled and written in one transaction with the day of release
    only. Returns how many were released (0 while fewer than k wait)."""
    k = conf.release_batch()
    scope = code_scope(campaign, questionnaire_code)
    # Most answers find fewer than k waiting: each process counts what it stored (in the cache)
    # and looks at the pool, and locks it, only once it has stored k since its last look.
    if not final:
        if guard.stored_since_last_look(campaign, questionnaire_code) < k:
            return 0
        guard.looked(campaign, questionnaire_code)
        if PendingResponse.objects.filter(campaign=campaign, questionnaire=questionnaire_code).count() < k:
            return 0
    with transaction.atomic():
        pool = PendingResponse.objects.filter(campaign=campaign, questionnaire=questionnaire_code)
        if connection.features.has_select_for_update_skip_locked:
            pool = pool.select_for_update(skip_locked=True)
        waiting = list(pool.values_list("id", "sealed"))
        if not waiting or (len(waiting) < k and not final):
            return 0
        day = today or timezone.localdate()
        rows = []
        hours: dict[tuple[str, int], int] = {}
        for _pk, blob in waiting:
            payload = seal.unseal(scope, blob)
            if payload is None:  # sealed with another key (SECRET_KEY changed): keep it, say so
                raise DomainError(_("Waiting answers cannot be opened: the server's secret key has changed. Restore it."), code="unseal")
            rows.append(Response(campaign=campaign, questionnaire=questionnaire_code, part=payload["part"], submitted_on=day, answers=payload["answers"]))
            arrival = (payload.get("day", day.isoformat()), int(payload.get("hour", 12)))
            hours[arrival] = hours.get(arrival, 0) + 1
        secrets.SystemRandom().shuffle(rows)
        Response.objects.bulk_create(rows)
        PendingResponse.objects.filter(pk__in=[pk for pk, _blob in waiting]).delete()
        _tally_arrivals(campaign, questionnaire_code, hours)
    return len(rows)


def _tally_arrivals(campaign: Campaign, questionnaire_code: str, hours: dict[tuple[str, int], int]) -> None:
    """Answers per arrival hour, added a whole batch at a time (so the warning signs, too,
    move only when a batch is released)."""
    for (day, hour), n in sorted(hours.items()):
        tally, _created = ArrivalTally.objects.get_or_create(
            campaign=campaign, questionnaire=questionnaire_code, day=dt.date.fromisoformat(day), hour=hour
        )
        ArrivalTally.objects.filter(pk=tally.pk).update(count=F("count") + n)


# --- official results -------------------------------------------------------------------


MAX_SCORE_ROWS = 1000


def _parse_scores(text: str) -> list[tuple[str, Decimal]]:
    return _score_rows(csv.reader(io.StringIO(text.lstrip("\ufeff"))))


def _xlsx_rows(data: bytes) -> list[list[str]]:
    """The first worksheet of an Excel workbook as rows of text (values, not formulas), after
    the size, cell and column checks of lib.spreadsheets."""
    return xlsx_rows(data, max_rows=MAX_SCORE_ROWS)


def _score_rows(source) -> list[tuple[str, Decimal]]:
    """Rows "indicator number, score" (from CSV or a worksheet) checked and parsed."""
    rows: list[tuple[str, Decimal]] = []
    for line_no, row in enumerate(source, start=1):
        if line_no > MAX_SCORE_ROWS:
            raise DomainError(lazy_format(_("The file has more than %(n)s lines."), {"n": MAX_SCORE_ROWS}), field="file")
        cells = [str(cell).strip() for cell in row]
        if not any(cells):
            continue
        if line_no == 1 and cells and not cells[0].replace(".", "").isdigit():
            continue  # a header row
        if len(cells) < 2:
            raise DomainError(lazy_format(_("Line %(n)s: give an indicator number and a score."), {"n": line_no}), field="file")
        try:
            value = Decimal(cells[1].replace(",", "."))
        except InvalidOperation:
            raise DomainError(lazy_format(_("Line %(n)s: '%(v)s' is not a number."), {"n": line_no, "v": cells[1][:20]}), field="file") from None
        if not Decimal(0) <= value <= Decimal(100):
            raise DomainError(lazy_format(_("Line %(n)s: a score must lie between 0 and 100."), {"n": line_no}), field="file")
        rows.append((cells[0], rounded(value)))
    return rows


@transaction.atomic
def official_scores_import(
    *, actor, campaign: Campaign, csv_text: str = "", xlsx: bytes | None = None, source_name: str = ""
) -> list[ImportedScore]:
    """Replace computed IIT/EIT indicator scores by the official ones, from rows
    "indicator number, score" of CSV text or of the first sheet of an XLSX workbook.
    Every indicator of each tool named must be present."""
    rows = _score_rows(_xlsx_rows(xlsx)) if xlsx is not None else _parse_scores(csv_text)
    if not rows:
        raise DomainError(_("The file holds no scores."), field="file")
    surveyed = {q.tool_id for q in questionnaires_of(campaign.framework)}
    indicators = {ind.number: ind for ind in Indicator.objects.filter(version=campaign.framework, tool_id__in=surveyed)}
    seen: dict[str, Decimal] = {}
    for number, value in rows:
        if number not in indicators:
            raise DomainError(lazy_format(_("Indicator %(n)s is not an IIT or EIT indicator of this framework."), {"n": number[:10]}), field="file")
        if number in seen:
            raise DomainError(lazy_format(_("Indicator %(n)s appears twice."), {"n": number}), field="file")
        seen[number] = value
    tools = {indicators[number].tool_id for number in seen}
    for ind in indicators.values():
        if ind.tool_id in tools and ind.number not in seen:
            raise DomainError(lazy_format(_("Indicator %(n)s is missing: give every indicator of the tool."), {"n": ind.number}), field="file")
    ImportedScore.objects.filter(campaign=campaign, indicator__tool_id__in=tools).delete()
    # Scores entered by an assessor or operator count at once; scores the graded agency enters
    # itself are shown as "entered by the agency, not verified" and stay out of the official
    # total until an assessor confirms them.
    by_assessor = _may_verify(actor, campaign)
    now = timezone.now() if by_assessor else None
    saved = [
        _validated(ImportedScore(
            campaign=campaign, indicator=indicators[number], score=value, source_name=source_name[:200], imported_by=actor,
            verified_by=actor if by_assessor else None, verified_at=now,
        ))
        for number, value in seen.items()
    ]
    audit_log(
        actor=actor, action="surveys.scores.imported", target=campaign, agency=campaign.agency,
        payload={"source": source_name[:200], "verified": by_assessor, "scores": {number: str(value) for number, value in seen.items()}},
    )
    return saved


def _may_verify(actor, campaign: Campaign) -> bool:
    from agencies.access import is_assessor

    return bool(getattr(actor, "is_authenticated", False) and is_assessor(actor, campaign.agency))


@transaction.atomic
def official_scores_verify(*, actor, campaign: Campaign) -> int:
    """An assessor confirms the official scores the agency entered; from now on they count."""
    if not _may_verify(actor, campaign):
        raise DomainError(_("Only an assessor of this agency may confirm official scores."), code="forbidden", status=403)
    waiting = list(ImportedScore.objects.select_for_update().filter(campaign=campaign, verified_at__isnull=True).select_related("indicator"))
    if not waiting:
        raise DomainError(_("There are no scores waiting for confirmation."), code="nothing")
    now = timezone.now()
    ImportedScore.objects.filter(pk__in=[row.pk for row in waiting]).update(verified_by=actor, verified_at=now)
    audit_log(
        actor=actor, action="surveys.scores.verified", target=campaign, agency=campaign.agency,
        payload={"scores": {row.indicator.number: str(row.score) for row in waiting}},
    )
    return len(waiting)


# --- workbooks read in the background -------------------------------------------------------


@transaction.atomic
def score_import_request(*, actor, campaign: Campaign, filename: str, data: bytes) -> ScoreImportJob:
    """Keep the uploaded workbook and queue it to be read (the task row commits with the job,
    so a worker finds both, and a rolled-back request queues nothing)."""
    from .tasks import score_import_run

    job = _validated(ScoreImportJob(
        campaign=campaign, requested_by=actor if getattr(actor, "pk", None) else None, filename=filename[:200], data=data,
    ))
    audit_log(actor=actor, action="surveys.scores.import_requested", target=campaign, agency=campaign.agency,
              payload={"source": filename[:200], "bytes": len(data), "job": job.pk})
    score_import_run.enqueue(job.pk)
    return job


def score_import_job_run(*, job_id: int) -> str:
    """Read the job's workbook (checks and time limit in lib.spreadsheets) and import it, all
    or nothing; the job ends imported or refused with a bilingual message."""
    job = ScoreImportJob.objects.select_related("campaign__agency", "campaign__framework", "requested_by").filter(pk=job_id).first()
    if job is None or job.status in (ScoreImportJob.Status.DONE, ScoreImportJob.Status.FAILED):
        return "gone"
    ScoreImportJob.objects.filter(pk=job.pk).update(status=ScoreImportJob.Status.RUNNING)
    try:
        official_scores_import(actor=job.requested_by, campaign=job.campaign, xlsx=bytes(job.data), source_name=job.filename)
    except DomainError as error:
        ScoreImportJob.objects.filter(pk=job.pk).update(status=ScoreImportJob.Status.FAILED, error=error.bilingual(), finished_at=timezone.now())
        return ScoreImportJob.Status.FAILED
    ScoreImportJob.objects.filter(pk=job.pk).update(status=ScoreImportJob.Status.DONE, finished_at=timezone.now())
    return ScoreImportJob.Status.DONE
