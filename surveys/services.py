"""Writes of the survey app: campaigns, access codes, responses, imported scores.

Respondent actions (`access_code_check`, `response_submit`) write NO audit entry on purpose:
an entry's timestamp would sit beside the response and could tell who answered. Everything
the admin or assessor does is audited as usual.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency
from audit.services import audit_log
from frameworks.models import FrameworkVersion, Indicator, Questionnaire
from frameworks.services import framework_lock
from lib.errors import DomainError, lazy_format
from lib.survey_scoring import answer_problems

from . import codes, guard
from .models import AccessCode, Campaign, CodeBatch, ImportedScore, Response
from .questionnaires import questionnaire_get, questionnaires_of, rules_for

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
    _issue_staff_codes(actor=actor, campaign=campaign)
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
    _issue_staff_codes(actor=actor, campaign=campaign)
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


def _issue_staff_codes(*, actor, campaign: Campaign) -> None:
    """Codes for the staff survey: as many as eligible staff, in code mode."""
    questionnaire = _questionnaire_for(campaign, Questionnaire.Respondents.STAFF)
    if questionnaire is None or campaign.iit_mode != Campaign.IitMode.CODES:
        return
    missing = campaign.eligible_staff - _issued(campaign, Questionnaire.Respondents.STAFF)
    if missing > 0:
        access_codes_issue(actor=actor, campaign=campaign, questionnaire_code=questionnaire.code, count=missing)


@transaction.atomic
def access_codes_issue(*, actor, campaign: Campaign, questionnaire_code: str, count: int) -> CodeBatch:
    """Issue COUNT single-use codes (staff codes, or counter codes for a public survey)."""
    if questionnaire_get(campaign.framework, questionnaire_code) is None:
        raise DomainError(_("Unknown questionnaire."), field="questionnaire")
    if not 1 <= count <= MAX_CODES_PER_BATCH:
        raise DomainError(lazy_format(_("Issue between 1 and %(max)s codes at a time."), {"max": MAX_CODES_PER_BATCH}), field="count")
    scope = code_scope(campaign, questionnaire_code)
    made: set[str] = set()
    while len(made) < count:
        made.add(codes.access_code_make(scope))
    try:
        with transaction.atomic():
            AccessCode.objects.bulk_create(
                [AccessCode(campaign=campaign, questionnaire=questionnaire_code, code=code) for code in sorted(made)]
            )
    except IntegrityError:  # a clash with an earlier code: astronomically rare; ask to retry
        raise DomainError(_("Could not issue the codes this time. Please try again.")) from None
    batch = _validated(CodeBatch(campaign=campaign, questionnaire=questionnaire_code, count=count, issued_by=actor if getattr(actor, "pk", None) else None))
    audit_log(
        actor=actor, action="surveys.codes.issued", target=campaign, agency=campaign.agency,
        payload={"questionnaire": questionnaire_code, "count": count},
    )
    return batch


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


def access_code_check(*, campaign: Campaign, questionnaire: Questionnaire, code: str, client: str) -> str:
    """Check a code before showing the form; consumes nothing. Returns the normalised code."""
    scope = code_scope(campaign, questionnaire.code)
    guard.refuse_if_flooding(client, campaign.public_code, open_link=False)
    campaign_accepting(campaign, timezone.localdate())
    normalised = codes.access_code_normalise(code)
    if not codes.access_code_well_formed(scope, normalised):
        guard.record_failure(client, campaign.public_code)
        raise DomainError(_("This code is not valid. Check it against your slip."), code="bad_code", field="access_code")
    if not AccessCode.objects.filter(campaign=campaign, questionnaire=questionnaire.code, code=normalised).exists():
        guard.record_failure(client, campaign.public_code)
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
    failed proof of work, or a flooding client."""
    today = today or timezone.localdate()
    with_code = uses_codes(campaign, questionnaire) or bool(submission.access_code)
    guard.refuse_if_flooding(client, campaign.public_code, open_link=not with_code)
    try:
        campaign_accepting(campaign, today)
        answers = _checked_answers(campaign, questionnaire, submission)
        if with_code:
            _store_with_code(campaign, questionnaire, submission, answers, today)
        else:
            scope = code_scope(campaign, questionnaire.code)
            guard.challenge_check(scope, submission.challenge, submission.solution)
            try:
                _store(campaign, questionnaire, submission.part, answers, today)
            except Exception:
                guard.challenge_release(submission.challenge)
                raise
    except DomainError as error:
        if error.code not in ("closed", "incomplete", "rate_limited"):
            guard.record_failure(client, campaign.public_code)
        raise


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


def _store(campaign: Campaign, questionnaire: Questionnaire, part: str, answers: dict, today: dt.date) -> None:
    response = Response(campaign=campaign, questionnaire=questionnaire.code, part=part, submitted_on=today, answers=answers)
    response.full_clean()
    response.save(force_insert=True)


def _store_with_code(campaign, questionnaire, submission: Submission, answers: dict, today: dt.date) -> None:
    scope = code_scope(campaign, questionnaire.code)
    code = codes.access_code_normalise(submission.access_code)
    if not code:
        raise DomainError(_("Enter the access code from your slip."), code="bad_code", field="access_code")
    if not codes.access_code_well_formed(scope, code):
        raise DomainError(_("This code is not valid. Check it against your slip."), code="bad_code", field="access_code")
    with transaction.atomic():
        # Conditional delete: of two simultaneous uses one deletes the row, the other waits
        # for its lock and then finds nothing. The deleted row leaves no live trace behind.
        with connection.cursor() as cursor:
            cursor.execute(
                f"DELETE FROM {AccessCode._meta.db_table} WHERE campaign_id = %s AND questionnaire = %s AND code = %s",
                [campaign.pk, questionnaire.code, code],
            )
            consumed = cursor.rowcount
        if consumed != 1:
            raise DomainError(_("This code has already been used."), code="used_code", field="access_code")
        _store(campaign, questionnaire, submission.part, answers, today)


# --- official results -------------------------------------------------------------------


MAX_SCORE_ROWS = 1000


def _parse_scores(text: str) -> list[tuple[str, Decimal]]:
    return _score_rows(csv.reader(io.StringIO(text.lstrip("\ufeff"))))


def _xlsx_cell(value) -> str:
    """A spreadsheet cell as the text a CSV would hold: 1.0 (a number typed as 1) becomes "1"."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def _xlsx_rows(data: bytes) -> list[list[str]]:
    """The first worksheet of an Excel workbook as rows of text (values, not formulas)."""
    import zipfile

    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError):
        raise DomainError(_("The file is not an Excel workbook (.xlsx)."), field="file") from None
    try:
        sheet = workbook.worksheets[0] if workbook.worksheets else None
        if sheet is None:
            return []
        rows = []
        for row in sheet.iter_rows(values_only=True):
            rows.append([_xlsx_cell(value) for value in row])
            if len(rows) > MAX_SCORE_ROWS:
                break
        return rows
    finally:
        workbook.close()


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
        rows.append((cells[0], value.quantize(Decimal("0.01"))))
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
    saved = [
        _validated(ImportedScore(campaign=campaign, indicator=indicators[number], score=value, source_name=source_name[:200], imported_by=actor))
        for number, value in seen.items()
    ]
    audit_log(
        actor=actor, action="surveys.scores.imported", target=campaign, agency=campaign.agency,
        payload={"source": source_name[:200], "scores": {number: str(value) for number, value in seen.items()}},
    )
    return saved
