"""IIT/EIT survey progress and results over JSON, read-only, with bearer-token auth.

The same scoping as the pages: the list holds the campaigns of the agencies where the token's
user holds a role (operators: all); a campaign of any other agency answers 404. Only
aggregates leave here, and scores stay hidden below the questionnaire's report threshold.
"""

from __future__ import annotations

import datetime as dt

from django.shortcuts import get_object_or_404
from ninja import Router, Schema

from agencies.permissions import Perm, require_perm
from lib.scoring import rounded
from surveys import selectors, services
from surveys.models import Campaign

from .assessments import TokenAuth

router = Router(tags=["surveys"], auth=TokenAuth())


class CountOut(Schema):
    questionnaire: str
    name: str
    responses: int
    minimum: int | None
    below_minimum: bool


class CampaignRiskOut(Schema):
    id: int
    agency: str
    agency_name: str
    province: str
    fiscal_year: int
    status: str
    opens_on: dt.date | None
    closes_on: dt.date | None
    days_left: int | None
    running: bool
    below_minimum: bool
    questionnaires: list[CountOut]


@router.get("/progress/", response=list[CampaignRiskOut], summary="Survey campaigns you may see, most at risk first")
def list_progress(request, province: str = "", below: bool = False, year: int | None = None):
    """Responses against the minimum per questionnaire and days until the last day; filter by
    province, by fiscal year, or to those below a minimum (`below=true`)."""
    rows = selectors.campaign_risks(request.user, province=province, below_only=below, fiscal_year=year)
    return [
        {
            "id": row.campaign.pk,
            "agency": row.campaign.agency.code,
            "agency_name": row.campaign.agency.name_th,
            "province": row.campaign.agency.province,
            "fiscal_year": row.campaign.fiscal_year,
            "status": row.campaign.status,
            "opens_on": row.campaign.opens_on,
            "closes_on": row.campaign.closes_on,
            "days_left": row.days_left,
            "running": row.running,
            "below_minimum": row.below,
            "questionnaires": [
                {"questionnaire": c.code, "name": c.name, "responses": c.responses, "minimum": c.minimum, "below_minimum": c.below}
                for c in row.counts
            ],
        }
        for row in rows
    ]


class DayOut(Schema):
    day: dt.date
    responses: int


class PartOut(Schema):
    name: str
    responses: int | None


class QuestionnaireProgressOut(Schema):
    questionnaire: str
    name: str
    responses: int
    minimum: int | None
    reached: bool
    codes_issued: int
    codes_unused: int | None  # null while the surveys run
    parts: list[PartOut]  # responses null while the surveys run, or when below the report threshold
    per_day: list[DayOut]  # days on which batches of answers were released


class ScoresOut(Schema):
    questionnaire: str
    tool: str
    imported: bool
    verified: bool  # false: entered by the agency, not confirmed by an assessor, left out of the total
    released: bool  # false while the surveys run: computed scores appear after the close
    counts_in_total: str | None  # the tool score the ITA total uses
    hidden: bool
    report_threshold: int
    tool_score: str | None
    indicators: dict[str, str | None] | None


class CampaignOut(Schema):
    id: int
    agency: str
    agency_name: str
    province: str
    framework: str
    fiscal_year: int
    status: str
    opens_on: dt.date | None
    closes_on: dt.date | None
    progress: list[QuestionnaireProgressOut]
    scores: list[ScoresOut]


def _text(value) -> str | None:
    return None if value is None else str(value)


@router.get("/{campaign_id}/", response=CampaignOut, summary="One campaign: counts per questionnaire and per day, scores")
def get_campaign(request, campaign_id: int):
    campaign = get_object_or_404(Campaign.objects.select_related("agency", "framework"), pk=campaign_id)
    require_perm(request.user, campaign.agency, Perm.SURVEYS_VIEW)  # 404 without a role there, like the pages
    services.responses_release_if_over(campaign=campaign)
    progress = selectors.campaign_progress(campaign)
    results = selectors.campaign_scores(campaign)
    return {
        "id": campaign.pk,
        "agency": campaign.agency.code,
        "agency_name": campaign.agency.name_th,
        "province": campaign.agency.province,
        "framework": campaign.framework.code,
        "fiscal_year": campaign.fiscal_year,
        "status": campaign.status,
        "opens_on": campaign.opens_on,
        "closes_on": campaign.closes_on,
        "progress": [
            {
                "questionnaire": p.questionnaire.code,
                "name": p.questionnaire.name,
                "responses": p.responses,
                "minimum": p.minimum,
                "reached": p.reached,
                "codes_issued": p.codes_issued,
                "codes_unused": p.codes_unused,
                "parts": [{"name": name, "responses": n} for name, n in p.parts],
                "per_day": [{"day": d.day, "responses": d.count} for d in p.days],
            }
            for p in progress
        ],
        "scores": [
            {
                "questionnaire": r.questionnaire.code,
                "tool": r.questionnaire.tool.code,
                "imported": r.imported,
                "verified": not r.unverified,
                "released": r.released,
                "counts_in_total": _text(None if r.official_tool is None else rounded(r.official_tool)),
                "hidden": r.scores.hidden,
                "report_threshold": r.questionnaire.report_threshold,
                "tool_score": None if r.scores.hidden else _text(r.scores.tool),
                "indicators": None if r.scores.hidden else {n: _text(score) for n, _name, score in r.indicator_rows},
            }
            for r in results
        ],
    }
