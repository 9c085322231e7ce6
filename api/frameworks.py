"""Public, read-only framework library."""

from django.db.models import Count
from django.shortcuts import get_object_or_404
from ninja import Router, Schema

from frameworks.models import FrameworkVersion
from frameworks.selectors import framework_tree, framework_tree_json

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
