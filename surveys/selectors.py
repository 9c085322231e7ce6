"""Reads for the admin and assessor pages: progress against minimums, per-day counts, scores.

Only aggregates leave here, and only of released answers (batches of at least k, see
docs/anonymity.md): counts move in batches, scores appear once the surveys are over, unused
codes are never listed (only counted once the surveys are over), and groups below the report
threshold stay hidden. So reading any page before and after one answer shows no difference.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count

from frameworks.models import Questionnaire, SampleRule
from lib import survey_scoring as scoring
from lib.thai import today_bangkok

from .models import AccessCode, Campaign, CodeBatch, ImportedScore, Response
from .questionnaires import questionnaires_of, survey_load


def sample_minimum(campaign: Campaign, questionnaire: Questionnaire) -> tuple[int | None, SampleRule | None]:
    """The minimum number of responses, from the first sample rule the campaign has data for."""
    for rule in questionnaire.sample_rules.all():
        value = campaign.basis_value(rule.basis)
        if value is None:
            continue
        if rule.kind == "table":
            minimum = scoring.table_minimum(rule.params.get("rows", []), value)
            if minimum is not None:
                return minimum, rule
            continue
        params = rule.params
        return (
            scoring.proportion_minimum(
                int(value),
                percent=Decimal(str(params["percent"])),
                at_least=int(params.get("at_least", 0)),
                all_below=int(params.get("all_below", 0)),
                cap=params.get("cap"),
            ),
            rule,
        )
    return None, None


@dataclass
class DayCount:
    day: dt.date
    count: int
    bar: int = 0  # bar height in the chart, 0-100
    x: int = 0
    y: int = 0


@dataclass
class Progress:
    questionnaire: Questionnaire
    responses: int
    minimum: int | None
    rule: SampleRule | None
    days: list[DayCount]
    codes_issued: int
    codes_unused: int | None  # None while the surveys run: a falling count would time each answer
    parts: list[tuple[str, int | None]] = field(default_factory=list)  # (name, count or None when hidden)
    codes_allowed: int | None = None  # staff codes allowed in all (None: no cap)

    @property
    def chart_width(self) -> int:
        return max(10, len(self.days) * 10)

    @property
    def reached(self) -> bool:
        return self.minimum is not None and self.responses >= self.minimum

    @property
    def percent(self) -> int:
        if not self.minimum:
            return 0
        return min(100, round(self.responses * 100 / self.minimum))


def campaign_progress(campaign: Campaign) -> list[Progress]:
    from .services import campaign_over, staff_codes_allowed

    over = campaign_over(campaign)
    questionnaires = questionnaires_of(campaign.framework)
    per_day = (
        Response.objects.filter(campaign=campaign)
        .values_list("questionnaire", "submitted_on")
        .annotate(n=Count("id"))
        .order_by("submitted_on")
    )
    per_part = Response.objects.filter(campaign=campaign).values_list("questionnaire", "part").annotate(n=Count("id"))
    issued: dict[str, int] = {}
    for code, count in CodeBatch.objects.filter(campaign=campaign).values_list("questionnaire", "count"):
        issued[code] = issued.get(code, 0) + count
    unused = dict(AccessCode.objects.filter(campaign=campaign).values_list("questionnaire").annotate(n=Count("id")))
    days_by_q: dict[str, list[DayCount]] = {}
    for code, day, n in per_day:
        days_by_q.setdefault(code, []).append(DayCount(day, n))
    parts_by_q: dict[str, dict[str, int]] = {}
    for code, part, n in per_part:
        parts_by_q.setdefault(code, {})[part] = n
    result = []
    for questionnaire in questionnaires:
        days = days_by_q.get(questionnaire.code, [])
        top = max((d.count for d in days), default=0)
        for i, d in enumerate(days):
            d.bar = max(1, round(d.count * 100 / top)) if top else 0
            d.x, d.y = i * 10 + 1, 105 - d.bar
        minimum, rule = sample_minimum(campaign, questionnaire)
        parts = []
        for part in questionnaire.parts_for(campaign.agency.kind):
            n = parts_by_q.get(questionnaire.code, {}).get(part["id"], 0)
            # While the surveys run a batch could hold one person of a small group; afterwards
            # groups below the report threshold stay hidden.
            shown = over and n >= questionnaire.report_threshold
            parts.append((questionnaire.part_name(part["id"]), n if shown else None))
        result.append(
            Progress(
                questionnaire=questionnaire,
                responses=sum(d.count for d in days),
                minimum=minimum,
                rule=rule,
                days=days,
                codes_issued=issued.get(questionnaire.code, 0),
                codes_unused=unused.get(questionnaire.code, 0) if over else None,
                parts=parts,
                codes_allowed=staff_codes_allowed(campaign) if questionnaire.respondents == Questionnaire.Respondents.STAFF else None,
            )
        )
    return result


@dataclass
class ToolResult:
    questionnaire: Questionnaire
    scores: scoring.Scores
    imported: bool
    indicator_rows: list[tuple[str, str, Decimal | None]]  # (number, name, score)
    question_rows: list[tuple[str, str, Decimal | None]]  # (code, text, score)
    released: bool = True  # False while the surveys run: computed scores wait for the close
    unverified: bool = False  # imported scores the agency entered, not yet confirmed by an assessor
    computed_tool: Decimal | None = None  # the exact score from our own survey (for the total when unverified)

    @property
    def official_tool(self) -> Decimal | None:
        """The exact score that counts in the ITA total (rounded once, at the end): never a score
        the agency entered and nobody confirmed."""
        if self.unverified:
            return self.computed_tool
        return self.scores.tool_exact


def campaign_scores(campaign: Campaign) -> list[ToolResult]:
    """Scores per questionnaire: the imported official ones if any, else computed from answers
    (computed ones only once the surveys are over)."""
    from .services import campaign_over

    over = campaign_over(campaign)
    imported: dict[int, list[ImportedScore]] = {}
    for row in ImportedScore.objects.filter(campaign=campaign).select_related("indicator"):
        imported.setdefault(row.indicator.tool_id, []).append(row)
    results = []
    for questionnaire in questionnaires_of(campaign.framework):
        survey = survey_load(questionnaire)
        names = {screen.number: screen.title for screen in survey.screens}
        official = imported.get(questionnaire.tool_id)
        computed = _computed(campaign, questionnaire, survey) if over else scoring.Scores(respondents=0, hidden=True)
        if official:
            indicators = {row.indicator.number: row.score for row in official}
            tool = scoring.tool_score(survey.rules, {n: indicators.get(n) for n in survey.rules.indicators})
            scores = scoring.Scores(
                respondents=0, hidden=False, indicators=indicators,
                tool=scoring.rounded(tool), tool_exact=tool,
            )
        else:
            scores = computed
        question_text = {qv.question.code: qv.question.text for screen in survey.screens for qv in screen.questions}
        results.append(
            ToolResult(
                questionnaire=questionnaire,
                scores=scores,
                imported=bool(official),
                indicator_rows=[(n, names.get(n, n), scores.indicators.get(n)) for n in survey.rules.indicators],
                question_rows=[(code, text, scores.questions.get(code)) for code, text in question_text.items()],
                released=bool(official) or over,
                unverified=bool(official) and not all(row.verified for row in official),
                computed_tool=None if computed.hidden else computed.tool_exact,
            )
        )
    return results


def _computed(campaign: Campaign, questionnaire: Questionnaire, survey) -> scoring.Scores:
    rows = Response.objects.filter(campaign=campaign, questionnaire=questionnaire.code).values_list("part", "answers")
    parts = questionnaire.parts_for(campaign.agency.kind)
    if not parts:
        return scoring.score(survey.rules, [answers for _, answers in rows])
    groups: dict[str, list] = {part["id"]: [] for part in parts}
    for part, answers in rows:
        if part in groups:
            groups[part].append(answers)
    return scoring.score_parts(survey.rules, groups)


def tool_scores(campaign: Campaign) -> dict[str, Decimal | None]:
    """{tool code: exact score} for the agency's total ITA score (None when not available yet);
    the total is rounded once, at the end (lib.scoring.rounded). Scores the agency entered
    itself count only once an assessor confirmed them."""
    return {result.questionnaire.tool.code: result.official_tool for result in campaign_scores(campaign)}


# --- national and provincial progress lists -------------------------------------------------


@dataclass
class QuestionnaireCount:
    code: str
    name: str
    responses: int
    minimum: int | None

    @property
    def below(self) -> bool:
        return self.minimum is not None and self.responses < self.minimum

    @property
    def percent(self) -> int:
        if not self.minimum:
            return 0
        return min(100, round(self.responses * 100 / self.minimum))


@dataclass
class CampaignRisk:
    """One campaign in the progress list: counts against minimums and the days left."""

    campaign: Campaign
    counts: list[QuestionnaireCount]
    days_left: int | None  # days until closes_on (0: closes today; negative: closed already)
    running: bool  # not closed by hand and not past its last day

    @property
    def below(self) -> bool:
        return any(c.below for c in self.counts)

    @property
    def lowest_percent(self) -> int:
        known = [c.percent for c in self.counts if c.minimum]
        return min(known, default=100)

    def sort_key(self):
        """Most at risk first: below a minimum, still running, closing soonest, furthest behind."""
        far = 10**6
        return (
            not self.below,
            not self.running,
            self.days_left if self.days_left is not None and self.running else far,
            self.lowest_percent,
            self.campaign.agency.name_th,
            -self.campaign.fiscal_year,
        )


def campaigns_visible(user):
    """Campaigns USER may follow: operators all; everyone else the campaigns of the agencies
    where they hold a role (an assessor's assigned agencies, a staff member's own)."""
    from agencies.access import visible_agencies

    return Campaign.objects.filter(agency__in=visible_agencies(user))


def campaign_risks(
    user, *, province: str = "", below_only: bool = False, fiscal_year: int | None = None, today: dt.date | None = None
) -> list[CampaignRisk]:
    """Every campaign USER may see, with responses against the minimum per questionnaire,
    most at risk first. A fixed number of queries whatever the number of campaigns."""

    today = today or today_bangkok()
    campaigns_qs = campaigns_visible(user).select_related("agency", "framework")
    if province:
        campaigns_qs = campaigns_qs.filter(agency__province=province)
    if fiscal_year:
        campaigns_qs = campaigns_qs.filter(fiscal_year=fiscal_year)
    campaigns = list(campaigns_qs)
    if not campaigns:
        return []
    counts: dict[tuple[int, str], int] = {
        (campaign_id, code): n
        for campaign_id, code, n in Response.objects.filter(campaign__in=campaigns_qs)
        .order_by()
        .values_list("campaign_id", "questionnaire")
        .annotate(n=Count("id"))
    }
    by_version: dict[int, list[Questionnaire]] = {}
    for questionnaire in (
        Questionnaire.objects.filter(version_id__in={c.framework_id for c in campaigns})
        .select_related("tool")
        .prefetch_related("sample_rules")
    ):
        by_version.setdefault(questionnaire.version_id, []).append(questionnaire)
    rows = []
    for campaign in campaigns:
        per_q = []
        for questionnaire in by_version.get(campaign.framework_id, []):
            minimum, _rule = sample_minimum(campaign, questionnaire)
            per_q.append(
                QuestionnaireCount(
                    code=questionnaire.code, name=questionnaire.name,
                    responses=counts.get((campaign.pk, questionnaire.code), 0), minimum=minimum,
                )
            )
        days_left = (campaign.closes_on - today).days if campaign.closes_on else None
        running = campaign.status != Campaign.Status.CLOSED and (days_left is None or days_left >= 0)
        row = CampaignRisk(campaign=campaign, counts=per_q, days_left=days_left, running=running)
        if below_only and not row.below:
            continue
        rows.append(row)
    rows.sort(key=CampaignRisk.sort_key)
    return rows


def campaign_provinces(user) -> list[str]:
    """The provinces of the campaigns USER may see, for the filter."""
    return sorted(set(campaigns_visible(user).values_list("agency__province", flat=True)))


def campaign_years(user) -> list[int]:
    return sorted(set(campaigns_visible(user).values_list("fiscal_year", flat=True)), reverse=True)


# --- warning signs for the assessor ------------------------------------------------------------


@dataclass
class WarningSign:
    kind: str  # "burst", "off_hours", "above_size", "extra_codes", "unverified"
    questionnaire: str
    message: str


WORK_HOURS = range(6, 20)  # 06:00-19:59 local: answers outside it are "outside working hours"


def campaign_warnings(campaign: Campaign) -> list[WarningSign]:
    """Signs that the graded agency may be steering its own survey, from coarse data only
    (answers per hour, codes printed, counts): bursts, answers at night or at weekends, more
    answers than the agency's size explains, extra codes, official scores not yet confirmed.
    Nothing here looks at an answer."""
    from django.utils.translation import gettext as _

    from lib.errors import lazy_format

    from .conf import release_batch
    from .models import ArrivalTally

    k = release_batch()
    signs: list[WarningSign] = []
    hours: dict[str, list[tuple[dt.date, int, int]]] = {}
    for code, day, hour, n in ArrivalTally.objects.filter(campaign=campaign).values_list("questionnaire", "day", "hour", "count"):
        hours.setdefault(code, []).append((day, hour, n))
    for questionnaire in questionnaires_of(campaign.framework):
        rows = hours.get(questionnaire.code, [])
        total = sum(n for _d, _h, n in rows)
        if not total:
            continue
        peak_day, peak_hour, peak = max(rows, key=lambda row: row[2])
        if peak >= k and total >= 2 * k and peak * 3 > total:
            signs.append(WarningSign("burst", questionnaire.code, lazy_format(
                _("%(n)s of %(total)s answers arrived within one hour (%(day)s, %(hour)s:00)."),
                {"n": peak, "total": total, "day": peak_day.isoformat(), "hour": f"{peak_hour:02d}"})))
        off = sum(n for day, hour, n in rows if hour not in WORK_HOURS or day.weekday() >= 5)
        if off >= k and off * 4 > total:
            signs.append(WarningSign("off_hours", questionnaire.code, lazy_format(
                _("%(n)s of %(total)s answers arrived at night or at a weekend."), {"n": off, "total": total})))
        size = campaign.eligible_staff if questionnaire.respondents == Questionnaire.Respondents.STAFF else campaign.service_users
        if size and total > size:
            signs.append(WarningSign("above_size", questionnaire.code, lazy_format(
                _("%(total)s answers, more than the %(size)s people the agency reported."), {"total": total, "size": size})))
        elif size and peak >= k and peak * 4 > size:
            signs.append(WarningSign("above_size", questionnaire.code, lazy_format(
                _("%(n)s answers within one hour, more than a quarter of the %(size)s people the agency reported."),
                {"n": peak, "size": size})))
    if campaign.extra_codes_approved:
        signs.append(WarningSign("extra_codes", "", lazy_format(
            _("An assessor approved %(n)s staff codes beyond the %(staff)s eligible staff."),
            {"n": campaign.extra_codes_approved, "staff": campaign.eligible_staff})))
    if ImportedScore.objects.filter(campaign=campaign, verified_at__isnull=True).exists():
        signs.append(WarningSign("unverified", "", _("Official scores entered by the agency wait for an assessor's confirmation.")))
    return signs
