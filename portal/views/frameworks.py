"""Public pages: the landing page and the framework library (agencies' public sections: views/agency.py)."""

from django.db.models import Count
from django.shortcuts import get_object_or_404, render

from frameworks.models import FrameworkVersion, Item
from frameworks.selectors import framework_tree, item_lineage, preparing_context
from transparency.selectors import publishing_agencies

from .public import public_page


@public_page(agency=False)
def home(request):
    """The site's home: the agencies that publish here and the framework library (no cookie)."""
    versions = FrameworkVersion.objects.annotate(n_items=Count("items"))
    return render(request, "portal/home.html", {"versions": versions, "agencies": publishing_agencies()})


def framework_list(request):
    versions = FrameworkVersion.objects.annotate(n_items=Count("items"))
    return render(request, "portal/framework_list.html", {"versions": versions, **preparing_context()})


def framework_detail(request, code: str):
    version = get_object_or_404(FrameworkVersion, code=code)
    query = request.GET.get("q", "").strip()[:100]
    tree = framework_tree(version, search=query)
    template = "portal/_framework_tree.html" if request.htmx else "portal/framework_detail.html"
    return render(request, template, {"version": version, "tree": tree, "query": query})


def framework_item(request, code: str, item_code: str):
    item = get_object_or_404(
        Item.objects.select_related("version", "indicator", "subindicator"), version__code=code, code=item_code
    )
    elements = list(item.elements.all())
    top = [el for el in elements if el.parent_id is None]
    children: dict[int, list] = {}
    for el in elements:
        if el.parent_id:
            children.setdefault(el.parent_id, []).append(el)
    rows = [(el, children.get(el.pk, [])) for el in top]
    return render(
        request,
        "portal/framework_item.html",
        {"item": item, "version": item.version, "rows": rows, "lineage": item_lineage(item)},
    )
