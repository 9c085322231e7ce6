"""Public, read-only framework library."""

from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema
from pydantic import ConfigDict

from frameworks.models import FrameworkVersion
from frameworks.selectors import crosswalk_between, framework_tree, framework_tree_json

router = Router(tags=["frameworks"])


class TextOut(Schema):
    th: str
    en: str


class FrameworkSummary(Schema):
    id: str
    fiscal_year: int
    name: TextOut
    digest: str
    item_count: int
    url: str


@router.get("/", response=list[FrameworkSummary], summary="List framework versions")
def list_frameworks(request):
    versions = FrameworkVersion.objects.annotate(n_items=Count("items"))
    return [
        {
            "id": v.code,
            "fiscal_year": v.fiscal_year,
            "name": {"th": v.name_th, "en": v.name_en},
            "digest": v.digest,
            "item_count": v.n_items,
            "url": f"/api/frameworks/{v.code}/",
        }
        for v in versions
    ]


@router.get("/{code}/", summary="One framework version with its whole tree")
def get_framework(request, code: str):
    version = get_object_or_404(FrameworkVersion, code=code)
    return framework_tree_json(framework_tree(version))


class ItemRef(Schema):
    code: str
    title_th: str


class CrosswalkEntryOut(Schema):
    change: str
    from_: list[ItemRef] = Field(..., alias="from")
    to: list[ItemRef]
    note: TextOut | None = None
    elements: list[dict]
    confidence: str | None = None
    source: str = ""

    model_config = ConfigDict(populate_by_name=True)


class CrosswalkOut(Schema):
    from_version: str
    to_version: str
    items: list[CrosswalkEntryOut]


@router.get(
    "/{code}/crosswalk/{other}/",
    response=CrosswalkOut,
    by_alias=True,
    summary="How the items of one version follow from another's (same, renamed, merged, split, new, dropped)",
)
def get_crosswalk(request, code: str, other: str):
    """CODE is the earlier version, OTHER the later one whose file gives the crosswalk."""
    older = get_object_or_404(FrameworkVersion, code=code)
    newer = get_object_or_404(FrameworkVersion, code=other)
    entries = crosswalk_between(older, newer)
    if entries is None:
        raise Http404(f"{other} gives no crosswalk from {code}")
    return {"from_version": older.code, "to_version": newer.code, "items": entries}
