"""Reads for plans pages and documents, each in a fixed number of queries."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils import timezone

from agencies.models import Agency
from lib.thai import today_bangkok

from .matrix import Level, RiskMatrix, get_matrix
from .models import (
    ActionPlan,
    FollowUp,
    Measure,
    MeasureMethod,
    MeasurePlan,
    Meeting,
    Project,
    Risk,
    RiskRegister,
    RiskTreatment,
)

# --- measures -------------------------------------------------------------------------------


@dataclass
class FollowUpBlock:
    """Follow-up entries as the table shows them: one heading over its entries, or one entry."""

    heading: str
    entries: list[FollowUp]


@dataclass
class MeasureRow:
    measure: Measure
    methods: list[MeasureMethod]
    divisions: list
    period_text: str
    follow_ups: list[FollowUp]
    first: bool = False

    @property
    def blocks(self) -> list[FollowUpBlock]:
        blocks: list[FollowUpBlock] = []
        for entry in self.follow_ups:
            if entry.heading_th and blocks and blocks[-1].heading == entry.heading_th:
                blocks[-1].entries.append(entry)
            else:
                blocks.append(FollowUpBlock(entry.heading_th, [entry]))
        return blocks


def measures_qs():
    follow_ups = FollowUp.objects.select_related("meeting").order_by("date", "position", "pk")
    return Measure.objects.prefetch_related(
        "divisions",
        Prefetch("methods", queryset=MeasureMethod.objects.prefetch_related(
            "divisions", Prefetch("follow_ups", queryset=follow_ups))),
        Prefetch("follow_ups", queryset=follow_ups),
        "addresses",
    )


def measure_plan_for(agency: Agency, plan_id: int | None = None) -> MeasurePlan | None:
    plans = MeasurePlan.objects.filter(agency=agency).prefetch_related(
        Prefetch("measures", queryset=measures_qs()), "analysis_points", "imported_results"
    )
    return plans.filter(pk=plan_id).first() if plan_id else plans.first()


@dataclass
class ImportedRow:
    result: object
    below: bool  # below the framework's pass mark: a candidate weak point


def imported_rows(plan: MeasurePlan) -> tuple[list[ImportedRow], object]:
    """Last year's imported scores of PLAN, each marked when below the pass mark; and that mark."""
    from frameworks.models import FrameworkVersion

    from .services.results import pass_mark

    results = list(plan.imported_results.all())
    if not results:
        return [], None
    mark = pass_mark(FrameworkVersion.objects.filter(code=results[0].framework_code).first())
    return [ImportedRow(r, r.score < mark) for r in results], mark


def measure_rows(measure: Measure) -> list[MeasureRow]:
    """The table rows of one measure, as the seed lays them out.

    A method with its own period, divisions or follow-up gets its own row; the other methods
    share one row with the measure's period, divisions and measure-level follow-up.
    """
    methods = list(measure.methods.all())
    measure_divisions = list(measure.divisions.all())
    general = [fu for fu in measure.follow_ups.all() if fu.method_id is None]
    own = [m for m in methods if m.has_own_period or m.divisions.all() or m.follow_ups.all()]
    shared = [m for m in methods if m not in own]
    rows = []
    if shared or general or not own:
        rows.append(MeasureRow(measure, shared, measure_divisions, measure.period_text, general))
    for method in own:
        rows.append(MeasureRow(measure, [method], list(method.divisions.all()) or measure_divisions,
                               method.period_text, list(method.follow_ups.all())))
    rows[0].first = True
    return rows


def plan_rows(plan: MeasurePlan) -> list[MeasureRow]:
    return [row for measure in plan.measures.all() for row in measure_rows(measure)]


@dataclass
class BoardCard:
    measure: Measure
    last_follow_up: FollowUp | None
    follow_up_count: int
    late: bool
    days_left: int


def measure_board(plan: MeasurePlan, today: dt.date | None = None) -> dict[str, list[BoardCard]]:
    """Measures by status, each with lateness (past its end and not finished)."""
    today = today or today_bangkok()
    columns: dict[str, list[BoardCard]] = {status: [] for status in Measure.Status.values}
    for measure in plan.measures.all():
        entries = list(measure.follow_ups.all())
        columns[measure.status].append(BoardCard(
            measure=measure,
            last_follow_up=entries[-1] if entries else None,
            follow_up_count=len(entries),
            late=measure.is_late(done=measure.is_finished, today=today),
            days_left=(measure.period_end - today).days,
        ))
    return columns


# --- risks ----------------------------------------------------------------------------------


@dataclass
class HeatCell:
    likelihood: int
    impact: int
    level: Level
    risks: list[Risk] = field(default_factory=list)


@dataclass
class HeatMap:
    matrix: RiskMatrix
    rows: list[list[HeatCell]]  # highest likelihood first

    @property
    def cells(self) -> list[HeatCell]:
        return [cell for row in self.rows for cell in row]

    # Geometry of the server-rendered SVG: square cells, axis labels left and below.
    CELL, LEFT, TOP = 56, 44, 8

    def svg_cells(self) -> list[dict]:
        out = []
        for r, row in enumerate(self.rows):
            for c, cell in enumerate(row):
                x, y = self.LEFT + c * self.CELL, self.TOP + r * self.CELL
                out.append({"cell": cell, "x": x, "y": y, "cx": x + self.CELL // 2, "cy": y + self.CELL // 2 + 5,
                            "label": ", ".join(str(risk.number) for risk in cell.risks)})
        return out

    def svg_axes(self) -> dict:
        n_rows, n_cols = len(self.rows), len(self.rows[0]) if self.rows else 0
        bottom = self.TOP + n_rows * self.CELL
        return {
            "width": self.LEFT + n_cols * self.CELL + 8,
            "height": bottom + 44,
            "rows": [{"y": self.TOP + r * self.CELL + self.CELL // 2 + 5, "value": row[0].likelihood}
                     for r, row in enumerate(self.rows)],
            "cols": [{"x": self.LEFT + c * self.CELL + self.CELL // 2, "value": cell.impact}
                     for c, cell in enumerate(self.rows[0])] if self.rows else [],
            "label_y": bottom + 18, "title_y": bottom + 38, "mid_x": self.LEFT + n_cols * self.CELL // 2,
            "mid_y": self.TOP + n_rows * self.CELL // 2,
        }


def risk_register_for(agency: Agency, register_id: int | None = None) -> RiskRegister | None:
    treatments = RiskTreatment.objects.select_related("division", "measure").prefetch_related(
        Prefetch("follow_ups", queryset=FollowUp.objects.order_by("date", "position"))
    )
    registers = RiskRegister.objects.filter(agency=agency).prefetch_related(
        Prefetch("risks", queryset=Risk.objects.select_related("division").prefetch_related(
            Prefetch("treatments", queryset=treatments)))
    )
    register = registers.filter(pk=register_id).first() if register_id else registers.first()
    if register is not None:
        matrix = get_matrix(register.matrix_id)
        for risk in register.risks.all():
            risk.level = matrix.level(risk.likelihood, risk.impact)
            risk.residual_level = (
                matrix.level(risk.residual_likelihood, risk.residual_impact) if risk.has_residual else None
            )
    return register


def heat_map(register: RiskRegister, *, residual: bool = False) -> HeatMap:
    matrix = get_matrix(register.matrix_id)
    cells = {
        (l, i): HeatCell(l, i, matrix.level(l, i))
        for l in matrix.likelihood_values for i in matrix.impact_values
    }
    for risk in register.risks.all():
        if residual and not risk.has_residual:
            continue
        key = (risk.residual_likelihood, risk.residual_impact) if residual else (risk.likelihood, risk.impact)
        if key in cells:
            cells[key].risks.append(risk)
    rows = [[cells[(l, i)] for i in matrix.impact_values] for l in reversed(matrix.likelihood_values)]
    return HeatMap(matrix, rows)


def risk_level(register: RiskRegister, likelihood: int | None, impact: int | None) -> Level | None:
    if likelihood is None or impact is None:
        return None
    return get_matrix(register.matrix_id).level(likelihood, impact)


# --- action plan ------------------------------------------------------------------------------


def action_plan_for(agency: Agency, plan_id: int | None = None) -> ActionPlan | None:
    plans = ActionPlan.objects.filter(agency=agency).prefetch_related(
        Prefetch("projects", queryset=Project.objects.select_related("division", "owner")),
        "reports__lines__project",
    )
    return plans.filter(pk=plan_id).first() if plan_id else plans.first()


# --- calendar -------------------------------------------------------------------------------


@dataclass(frozen=True)
class CalendarEvent:
    uid: str
    kind: str  # phase, meeting, deadline
    title: str
    start: dt.date | dt.datetime
    end: dt.date | dt.datetime | None = None
    description: str = ""
    url: str = ""

    @property
    def day(self) -> dt.date:
        return timezone.localtime(self.start).date() if isinstance(self.start, dt.datetime) else self.start

    @property
    def all_day(self) -> bool:
        return not isinstance(self.start, dt.datetime)


def _without_secrets(url: str) -> str:
    """A meeting link without its query and fragment, where services put the passcode (?pwd=)."""
    return url.split("?", 1)[0].split("#", 1)[0]


def calendar_events(agency: Agency, *, for_feed: bool = False) -> list[CalendarEvent]:
    """The assessment calendar's phases and the agency's meetings and deadlines, by date.

    FOR_FEED leaves out meeting passcodes (also from the links): a feed is read by calendar apps
    and services outside the product, and the meeting page still shows them to members."""
    from assessments.models import Phase
    from frameworks.models import CalendarPhase
    from surveys.models import Campaign

    events: list[CalendarEvent] = []
    # The agency's own assessment calendar (an operator may have moved it) wins over the framework's.
    own = list(Phase.objects.filter(assessment__agency=agency).select_related("assessment__framework"))
    own_versions = {phase.assessment.framework_id for phase in own}
    for phase in own:
        version = phase.assessment.framework
        events.append(CalendarEvent(f"phase-{version.code}-{phase.code}-{agency.code}", "phase",
                                    f"ITA {version.fiscal_year}: {phase.name_th}", phase.start, phase.end))
    for phase in CalendarPhase.objects.select_related("version").exclude(version_id__in=own_versions):
        events.append(CalendarEvent(f"phase-{phase.version.code}-{phase.node_id}", "phase",
                                    f"ITA {phase.version.fiscal_year}: {phase.name}", phase.start, phase.end))
    for campaign in Campaign.objects.filter(agency=agency, opens_on__isnull=False, closes_on__isnull=False):
        events.append(CalendarEvent(f"surveys-{campaign.pk}", "phase",
                                    f"แบบวัด IIT/EIT ปีงบประมาณ {campaign.fiscal_year}", campaign.opens_on, campaign.closes_on))
    for meeting in Meeting.objects.filter(agency=agency):
        online_url = _without_secrets(meeting.online_url) if for_feed else meeting.online_url
        lines = [meeting.organiser_th, meeting.platform, online_url]
        if meeting.meeting_number:
            lines.append(f"Meeting number: {meeting.meeting_number}")
        if meeting.passcode and not for_feed:
            lines.append(f"Passcode: {meeting.passcode}")
        if meeting.must_attend_th:
            lines.append(meeting.must_attend_th)
        events.append(CalendarEvent(f"meeting-{meeting.pk}", "meeting", meeting.title_th, meeting.starts_at,
                                    meeting.ends_at, "\n".join(x for x in lines if x), online_url))
    for measure in Measure.objects.filter(plan__agency=agency).exclude(
        status__in=[Measure.Status.DONE, Measure.Status.CANCELLED]
    ):
        events.append(CalendarEvent(f"measure-{measure.pk}-end", "deadline",
                                    f"ครบกำหนดมาตรการ {measure.number}. {measure.title_th}", measure.period_end))
    for project in Project.objects.filter(plan__agency=agency):
        events.append(CalendarEvent(f"project-{project.pk}-end", "deadline",
                                    f"ครบกำหนดโครงการ {project.number}. {project.name_th}", project.period_end))
    events.sort(key=lambda e: (e.day, e.kind, e.title))
    return events
