"""Reads of a framework version: the whole tree in a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from . import models as m


@dataclass
class ItemNode:
    item: m.Item
    elements: list[ElementNode] = field(default_factory=list)


@dataclass
class ElementNode:
    element: m.Element
    children: list[ElementNode] = field(default_factory=list)


@dataclass
class SubIndicatorNode:
    subindicator: m.SubIndicator | None
    items: list[ItemNode] = field(default_factory=list)


@dataclass
class IndicatorNode:
    indicator: m.Indicator
    sections: list[SubIndicatorNode] = field(default_factory=list)

    @property
    def item_count(self) -> int:
        return sum(len(section.items) for section in self.sections)


@dataclass
class ToolNode:
    tool: m.Tool
    indicators: list[IndicatorNode] = field(default_factory=list)


@dataclass
class FrameworkTree:
    version: m.FrameworkVersion
    tools: list[ToolNode]
    bands: list[m.RatingBand]
    schemes: list[m.RatingScheme]
    phases: list[m.CalendarPhase]
    item_count: int
    element_count: int


def published_versions():
    return m.FrameworkVersion.objects.all()


def framework_tree(version: m.FrameworkVersion, *, search: str = "") -> FrameworkTree:
    """The tree of VERSION; with SEARCH, only items whose code, title or elements match."""
    tools = list(version.tools.all())
    indicators = list(version.indicators.all())
    subindicators = list(version.subindicators.all())
    items_qs = version.items.all()
    if search:
        term = search.strip()
        items_qs = items_qs.filter(
            Q(code__iexact=term)
            | Q(title_th__icontains=term)
            | Q(title_en__icontains=term)
            | Q(elements__text_th__icontains=term)
            | Q(elements__text_en__icontains=term)
        ).distinct()
    items = list(items_qs.order_by("position"))
    item_ids = {item.pk for item in items}
    elements = [el for el in version.elements.all() if el.item_id in item_ids]
    schemes = list(version.rating_schemes.all())
    bands = list(version.rating_bands.all())
    phases = list(version.phases.all())

    element_nodes = {el.pk: ElementNode(el) for el in elements}
    item_nodes = {item.pk: ItemNode(item) for item in items}
    for el in elements:
        node = element_nodes[el.pk]
        if el.parent_id is None:
            item_nodes[el.item_id].elements.append(node)
        else:
            element_nodes[el.parent_id].children.append(node)

    indicator_nodes = {ind.pk: IndicatorNode(ind) for ind in indicators}
    section_nodes: dict[int, SubIndicatorNode] = {}
    for sub in subindicators:
        section = SubIndicatorNode(sub)
        section_nodes[sub.pk] = section
        indicator_nodes[sub.indicator_id].sections.append(section)
    loose: dict[int, SubIndicatorNode] = {}
    for item in items:
        if item.subindicator_id:
            section_nodes[item.subindicator_id].items.append(item_nodes[item.pk])
        else:
            if item.indicator_id not in loose:
                loose[item.indicator_id] = SubIndicatorNode(None)
                indicator_nodes[item.indicator_id].sections.insert(0, loose[item.indicator_id])
            loose[item.indicator_id].items.append(item_nodes[item.pk])

    tool_nodes = {tool.pk: ToolNode(tool) for tool in tools}
    for ind in indicators:
        tool_nodes[ind.tool_id].indicators.append(indicator_nodes[ind.pk])
    if search:
        for ind_node in indicator_nodes.values():
            ind_node.sections = [s for s in ind_node.sections if s.items]
        for tool_node in tool_nodes.values():
            tool_node.indicators = [i for i in tool_node.indicators if i.item_count]
    return FrameworkTree(
        version=version,
        tools=[tool_nodes[t.pk] for t in tools if not search or tool_nodes[t.pk].indicators],
        bands=bands,
        schemes=schemes,
        phases=phases,
        item_count=len(items),
        element_count=len(elements),
    )


def _text(obj, field: str) -> dict[str, str]:
    return {"th": getattr(obj, f"{field}_th"), "en": getattr(obj, f"{field}_en")}


def framework_tree_json(tree: FrameworkTree) -> dict:
    """The whole tree as plain JSON data for the API."""
    version = tree.version
    prefix = f"urn:prongsai:{version.code}:"

    def element(node: ElementNode) -> dict:
        el = node.element
        return {
            "id": el.node_id,
            "urn": prefix + el.node_id,
            "label": el.label,
            "kind": el.kind,
            "any_of": el.any_of,
            "text": _text(el, "text"),
            "confidence": el.confidence or None,
            "source": el.source,
            "children": [element(child) for child in node.children],
        }

    def item(node: ItemNode) -> dict:
        it = node.item
        return {
            "id": it.node_id,
            "urn": prefix + it.node_id,
            "code": it.code,
            "title": _text(it, "title"),
            "group": _text(it, "group"),
            "responsible": it.responsible,
            "time_rule": it.time_rule,
            "notes": it.notes,
            "confidence": it.confidence or None,
            "source": it.source,
            "elements_status": it.elements_status,
            "elements": [element(child) for child in node.elements],
        }

    def indicator(node: IndicatorNode) -> dict:
        ind = node.indicator
        return {
            "id": ind.node_id,
            "urn": prefix + ind.node_id,
            "number": ind.number,
            "name": _text(ind, "name"),
            "weight": str(ind.weight) if ind.weight is not None else None,
            "share": str(ind.share) if ind.share is not None else None,
            "subindicators": [
                {
                    "id": s.subindicator.node_id,
                    "urn": prefix + s.subindicator.node_id,
                    "number": s.subindicator.number,
                    "name": _text(s.subindicator, "name"),
                    "items": [item(i) for i in s.items],
                }
                for s in node.sections
                if s.subindicator is not None
            ],
            "items": [item(i) for s in node.sections if s.subindicator is None for i in s.items],
        }

    bands_by_scheme: dict[int, list[m.RatingBand]] = {}
    for band in tree.bands:
        bands_by_scheme.setdefault(band.scheme_id, []).append(band)
    return {
        "id": version.code,
        "urn": f"urn:prongsai:{version.code}",
        "fiscal_year": version.fiscal_year,
        "name": _text(version, "name"),
        "description": _text(version, "description"),
        "period": {"start": version.period_start.isoformat(), "end": version.period_end.isoformat()},
        "digest": version.digest,
        "scoring": version.scoring,
        "rating_scheme": next((s.node_id for s in tree.schemes if s.pk == version.rating_scheme_id), None),
        "rating_schemes": [
            {
                "id": scheme.node_id,
                "name": _text(scheme, "name"),
                "bands": [
                    {
                        "id": band.node_id,
                        "label": _text(band, "label"),
                        "min_total": str(band.min_total),
                        "max_total": str(band.max_total),
                        "min_each_tool": str(band.min_each_tool) if band.min_each_tool is not None else None,
                        "passed": band.passed,
                        "colour": band.colour,
                        "confidence": band.confidence or None,
                        "source": band.source,
                    }
                    for band in bands_by_scheme.get(scheme.pk, [])
                ],
            }
            for scheme in tree.schemes
        ],
        "tools": [
            {
                "id": t.tool.node_id,
                "urn": prefix + t.tool.node_id,
                "code": t.tool.code,
                "name": _text(t.tool, "name"),
                "weight": str(t.tool.weight),
                "indicators": [indicator(i) for i in t.indicators],
            }
            for t in tree.tools
        ],
        "calendar": [
            {"id": p.node_id, "name": _text(p, "name"), "start": p.start.isoformat(), "end": p.end.isoformat(), "confidence": p.confidence}
            for p in tree.phases
        ],
        **questionnaires_json(version),
        "publishing": version.publishing,
        "crosswalk": version.crosswalk or None,
    }


def questionnaires_json(version: m.FrameworkVersion) -> dict:
    """Scales, questionnaires (with questions and answer rows) and sample rules (5 queries)."""
    questions: dict[int, list] = {}
    rows: dict[int, list] = {}
    for row in version.answer_rows.select_related("scale").order_by("position"):
        rows.setdefault(row.question_id, []).append(
            {"id": row.node_id, "scale": row.scale.node_id, "text": _text(row, "text"), "reverse": row.reverse}
        )
    for question in version.questions.select_related("indicator").order_by("position"):
        questions.setdefault(question.questionnaire_id, []).append(
            {
                "id": question.node_id,
                "code": question.code,
                "indicator": question.indicator.node_id,
                "text": _text(question, "text"),
                "rows": rows.get(question.pk, []),
            }
        )
    rules: dict[int, list] = {}
    for rule in version.sample_rules.order_by("position"):
        rules.setdefault(rule.questionnaire_id, []).append(
            {"id": rule.node_id, "basis": rule.basis, "kind": rule.kind, "name": _text(rule, "name"), "params": rule.params,
             "confidence": rule.confidence or None, "source": rule.source}
        )
    return {
        "scales": [
            {"id": scale.node_id, "name": _text(scale, "name"), "options": scale.options}
            for scale in version.scales.order_by("position")
        ],
        "questionnaires": [
            {
                "id": q.node_id,
                "code": q.code,
                "tool": q.tool.code,
                "respondents": q.respondents,
                "name": _text(q, "name"),
                "intro": _text(q, "intro"),
                "report_threshold": q.report_threshold,
                "parts": q.parts,
                "parts_for_kinds": q.parts_for_kinds,
                "questions": questions.get(q.pk, []),
                "sample_rules": rules.get(q.pk, []),
            }
            for q in version.questionnaires.select_related("tool").order_by("position")
        ],
    }


def crosswalk_between(older: m.FrameworkVersion, newer: m.FrameworkVersion) -> list[dict] | None:
    """The crosswalk from OLDER to NEWER when NEWER's file gives one from OLDER, else None."""
    if (newer.crosswalk or {}).get("from_version") != older.code:
        return None
    titles = dict(older.items.values_list("code", "title_th"))
    new_titles = dict(newer.items.values_list("node_id", "title_th"))
    out = []
    for entry in crosswalk_entries(newer):
        out.append(
            {
                "change": entry["change"],
                "from": [{"code": code, "title_th": titles.get(code, "")} for code in entry.get("from", [])],
                "to": [
                    {"code": code, "title_th": new_titles.get(node, "")}
                    for node, code in zip(entry.get("to", []), entry["to_codes"])
                ],
                "note": entry.get("note"),
                "elements": entry.get("elements", []),
                "confidence": entry.get("confidence"),
                "source": entry.get("source", ""),
            }
        )
    return out


def preparing_context(today=None) -> dict:
    """Which fiscal year agencies are in, and the framework the product uses for it; when that
    year's file is not loaded, `preparing_against` names the earlier version used meanwhile."""
    from django.utils import timezone

    from lib.thai import fiscal_year_be

    year = fiscal_year_be(today or timezone.localdate())
    version = framework_for_year(year)
    return {
        "current_year": year,
        "current_version": version,
        "preparing_against": version if version is not None and version.fiscal_year < year else None,
    }


def framework_for_year(fiscal_year: int) -> m.FrameworkVersion | None:
    """The version an agency works against in FISCAL_YEAR: that year's if loaded, else the latest
    earlier one (the product then says it is preparing against that year until an operator
    loads the new year's file)."""
    return m.FrameworkVersion.objects.filter(fiscal_year__lte=fiscal_year).order_by("-fiscal_year", "-loaded_at").first()


# --- crosswalk ---------------------------------------------------------------------------

CHANGE_LABELS = {
    "same": _("same"),
    "renamed": _("renamed"),
    "merged": _("merged"),
    "split": _("split"),
    "new": _("new"),
    "dropped": _("dropped"),
    "added": _("added"),
}


@dataclass(frozen=True)
class CrosswalkLine:
    """One item's step to or from a neighbouring version, as a sentence for the item page."""

    version: m.FrameworkVersion
    change: str
    sentence: str
    confidence: str
    note: str

    @property
    def confidence_label(self) -> str:
        return str(m.CONFIDENCE_LABELS.get(self.confidence or "unknown", ""))


def _pick(text: dict | None) -> str:
    if not text:
        return ""
    return (text.get("en") or text.get("th", "")) if (get_language() or "th").startswith("en") else text.get("th", "")


def _codes(codes: list[str]) -> str:
    return ", ".join(codes)


def crosswalk_entries(version: m.FrameworkVersion) -> list[dict]:
    """VERSION's crosswalk entries with item ids on the 'to' side turned into item codes."""
    entries = (version.crosswalk or {}).get("items", [])
    codes = dict(version.items.values_list("node_id", "code"))
    return [{**entry, "to_codes": [codes.get(node, node) for node in entry.get("to", [])]} for entry in entries]


def item_lineage(item: m.Item) -> list[CrosswalkLine]:
    """Where ITEM came from (its version's crosswalk) and what it became in the versions whose
    crosswalk starts from its version: "in 2568 this became O1, merged with o3"."""
    lines: list[CrosswalkLine] = []
    version = item.version
    previous_code = (version.crosswalk or {}).get("from_version")
    previous = m.FrameworkVersion.objects.filter(code=previous_code).first() if previous_code else None
    for entry in crosswalk_entries(version) if previous else []:
        if item.node_id not in entry.get("to", []):
            continue
        if entry["change"] == "new":
            sentence = _("New in %(year)s: no item of %(prev)s leads to it.") % {"year": version.fiscal_year, "prev": previous.fiscal_year}
        else:
            sentence = _("In %(year)s this was %(from)s (%(change)s).") % {
                "year": previous.fiscal_year, "from": _codes(entry["from"]), "change": CHANGE_LABELS[entry["change"]]}
        lines.append(CrosswalkLine(previous, entry["change"], sentence, entry.get("confidence", ""), _pick(entry.get("note"))))
    for later in m.FrameworkVersion.objects.filter(crosswalk__from_version=version.code).order_by("fiscal_year"):
        for entry in crosswalk_entries(later):
            if item.code not in entry.get("from", []):
                continue
            others = [code for code in entry["from"] if code != item.code]
            values = {"year": later.fiscal_year, "to": _codes(entry["to_codes"]), "others": _codes(others)}
            if entry["change"] == "dropped":
                sentence = _("In %(year)s this item was dropped.") % values
            elif entry["change"] == "merged":
                sentence = _("In %(year)s this became %(to)s, merged with %(others)s.") % values
            elif entry["change"] == "split":
                sentence = _("In %(year)s this was split into %(to)s.") % values
            elif entry["change"] == "renamed":
                sentence = _("In %(year)s this became %(to)s (renamed).") % values
            else:
                sentence = _("In %(year)s this stays as %(to)s.") % values
            lines.append(CrosswalkLine(later, entry["change"], sentence, entry.get("confidence", ""), _pick(entry.get("note"))))
    return lines
