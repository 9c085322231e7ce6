"""Loading a framework file into the database: idempotent by node id, all or nothing."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import yaml

from django.db import transaction
from django.utils.translation import gettext as _

from audit.services import audit_log
from lib.strict_yaml import load_strict

from . import models as m
from .schema import FrameworkFile, FrameworkFileError, parse_framework

DATA_DIR = Path(__file__).resolve().parent / "data"
# A year's framework is about 140 KB; a file many times that is a mistake or an attack.
FRAMEWORK_MAX_BYTES = 2 * 1024 * 1024


class FrameworkLocked(Exception):
    """The version is in use by an assessment and its content may not change."""


@dataclass(frozen=True)
class LoadResult:
    version: m.FrameworkVersion
    created: bool
    changed: bool


def _framework_bytes(path: Path) -> bytes:
    """The file's bytes, refused when larger than FRAMEWORK_MAX_BYTES (checked before reading)."""
    source = str(path)
    try:
        with path.open("rb") as handle:
            raw = handle.read(FRAMEWORK_MAX_BYTES + 1)
    except OSError as exc:
        raise FrameworkFileError(source, [("", f"cannot read the file: {exc.strerror}")]) from None
    if len(raw) > FRAMEWORK_MAX_BYTES:
        limit = FRAMEWORK_MAX_BYTES // (1024 * 1024)
        raise FrameworkFileError(source, [("", f"the file is larger than {limit} MB; framework files are far smaller")])
    return raw


def framework_file_read(path: Path) -> tuple[FrameworkFile, str]:
    """Parse and validate the file at PATH; return it with the SHA-256 of its bytes."""
    source = str(path)
    raw = _framework_bytes(path)
    try:
        data = load_strict(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise FrameworkFileError(source, [("", "the file is not UTF-8 text")]) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        reason = getattr(exc, "problem", None) or str(exc)
        raise FrameworkFileError(source, [(where, f"not valid YAML: {reason}")]) from None
    return parse_framework(data, source), hashlib.sha256(raw).hexdigest()


def _text(value, field: str) -> dict[str, str]:
    if value is None:
        return {f"{field}_th": "", f"{field}_en": ""}
    return {f"{field}_th": value.th, f"{field}_en": value.en}


def _meta(node, position: int) -> dict:
    return {"position": position, "confidence": node.confidence or "", "source": node.source}


def _upsert(model, version, node_id: str, values: dict):
    obj, _ = model.objects.update_or_create(version=version, node_id=node_id, defaults=values)
    return obj


def _prune(model, version, keep: set[str]) -> None:
    model.objects.filter(version=version).exclude(node_id__in=keep).delete()


@transaction.atomic
def framework_load(*, path: Path, actor=None) -> LoadResult:
    """Load the framework file at PATH. Raises FrameworkFileError or FrameworkLocked; writes nothing then."""
    doc, digest = framework_file_read(path)
    existing = m.FrameworkVersion.objects.select_for_update().filter(code=doc.id).first()
    if existing and existing.digest == digest:
        return LoadResult(existing, created=False, changed=False)
    if existing and existing.locked:
        raise FrameworkLocked(
            _(
                "Framework %(code)s is already used by assessments and cannot change. "
                "Publish the new content under a new version id."
            )
            % {"code": doc.id}
        )

    version, created = m.FrameworkVersion.objects.update_or_create(
        code=doc.id,
        defaults={
            "fiscal_year": doc.fiscal_year,
            **_text(doc.name, "name"),
            **_text(doc.description, "description"),
            "period_start": doc.period.start,
            "period_end": doc.period.end,
            "scoring": doc.scoring.model_dump(mode="json"),
            "digest": digest,
            "source_file": path.name,
        },
    )
    _load_tree(version, doc)
    version.rating_scheme = m.RatingScheme.objects.get(version=version, node_id=doc.rating_scheme)
    version.save(update_fields=["rating_scheme"])
    audit_log(
        actor=actor,
        action="framework.loaded",
        target=version,
        payload={"code": version.code, "digest": digest, "created": created},
    )
    return LoadResult(version, created=created, changed=True)


def _load_tree(version: m.FrameworkVersion, doc: FrameworkFile) -> None:
    schemes, bands = {}, set()
    for pos, spec in enumerate(doc.rating_schemes):
        scheme = _upsert(m.RatingScheme, version, spec.id, {**_meta(spec, pos), **_text(spec.name, "name")})
        schemes[spec.id] = scheme
        for band_pos, band in enumerate(spec.bands):
            bands.add(band.id)
            _upsert(
                m.RatingBand,
                version,
                band.id,
                {
                    **_meta(band, band_pos),
                    **_text(band.label, "label"),
                    "scheme": scheme,
                    "min_total": band.min_total,
                    "max_total": band.max_total,
                    "min_each_tool": band.min_each_tool,
                    "passed": band.passed,
                    "colour": band.colour,
                },
            )

    tools = {
        spec.id: _upsert(
            m.Tool,
            version,
            spec.id,
            {**_meta(spec, pos), **_text(spec.name, "name"), "code": spec.code, "weight": spec.weight},
        )
        for pos, spec in enumerate(doc.tools)
    }
    indicators = {
        spec.id: _upsert(
            m.Indicator,
            version,
            spec.id,
            {
                **_meta(spec, pos),
                **_text(spec.name, "name"),
                "tool": tools[spec.parent],
                "number": spec.number,
                "weight": spec.weight,
            },
        )
        for pos, spec in enumerate(doc.indicators)
    }
    subindicators = {
        spec.id: _upsert(
            m.SubIndicator,
            version,
            spec.id,
            {
                **_meta(spec, pos),
                **_text(spec.name, "name"),
                "indicator": indicators[spec.parent],
                "number": spec.number,
            },
        )
        for pos, spec in enumerate(doc.subindicators)
    }
    items = {}
    for pos, spec in enumerate(doc.items):
        sub = subindicators.get(spec.parent)
        items[spec.id] = _upsert(
            m.Item,
            version,
            spec.id,
            {
                **_meta(spec, pos),
                **_text(spec.title, "title"),
                **_text(spec.group, "group"),
                "indicator": sub.indicator if sub else indicators[spec.parent],
                "subindicator": sub,
                "code": spec.code,
                "weight": spec.weight,
                "time_rule": spec.time_rule.as_data(),
                "notes": [note.model_dump() for note in spec.notes],
                "responsible": spec.responsible.model_dump(exclude_none=True),
            },
        )
    elements: dict[str, m.Element] = {}
    # Parents come before children in a well-formed file, but do not rely on it.
    pending = list(enumerate(doc.elements))
    while pending:
        deferred = []
        for pos, spec in pending:
            parent = elements.get(spec.parent)
            if spec.parent not in items and parent is None:
                deferred.append((pos, spec))
                continue
            item = items[spec.parent] if spec.parent in items else parent.item
            elements[spec.id] = _upsert(
                m.Element,
                version,
                spec.id,
                {
                    **_meta(spec, pos),
                    **_text(spec.text, "text"),
                    "item": item,
                    "parent": parent,
                    "label": spec.label,
                    "kind": spec.kind,
                    "any_of": spec.any_of,
                },
            )
        if len(deferred) == len(pending):  # unreachable after the schema check; never spin
            raise FrameworkFileError(version.code, [("elements", "element parents do not resolve")])
        pending = deferred

    for pos, spec in enumerate(doc.calendar):
        _upsert(
            m.CalendarPhase,
            version,
            spec.id,
            {**_meta(spec, pos), **_text(spec.name, "name"), "start": spec.start, "end": spec.end},
        )

    questionnaire_ids = _load_questionnaires(version, doc, tools, indicators)

    # Nodes no longer in the file go, children first.
    _prune(m.SampleRule, version, questionnaire_ids["sample_rules"])
    _prune(m.AnswerRow, version, questionnaire_ids["answer_rows"])
    _prune(m.Question, version, questionnaire_ids["questions"])
    _prune(m.Questionnaire, version, questionnaire_ids["questionnaires"])
    _prune(m.Scale, version, questionnaire_ids["scales"])
    _prune(m.Element, version, set(elements))
    _prune(m.Item, version, set(items))
    _prune(m.SubIndicator, version, set(subindicators))
    _prune(m.Indicator, version, set(indicators))
    _prune(m.Tool, version, set(tools))
    _prune(m.RatingBand, version, bands)
    version.rating_scheme = None
    version.save(update_fields=["rating_scheme"])
    _prune(m.RatingScheme, version, set(schemes))
    _prune(m.CalendarPhase, version, {spec.id for spec in doc.calendar})


def _load_questionnaires(version, doc: FrameworkFile, tools: dict, indicators: dict) -> dict[str, set[str]]:
    """Scales, questionnaires, questions, answer rows and sample rules; returns the ids kept."""
    scales = {
        spec.id: _upsert(
            m.Scale,
            version,
            spec.id,
            {
                **_meta(spec, pos),
                **_text(spec.name, "name"),
                "options": [option.model_dump(mode="json") for option in spec.options],
            },
        )
        for pos, spec in enumerate(doc.scales)
    }
    questionnaires = {
        spec.id: _upsert(
            m.Questionnaire,
            version,
            spec.id,
            {
                **_meta(spec, pos),
                **_text(spec.name, "name"),
                **_text(spec.intro, "intro"),
                "tool": tools[spec.tool],
                "code": spec.code,
                "respondents": spec.respondents,
                "report_threshold": spec.report_threshold,
                "parts": [
                    {"id": part.id, "name": part.name.model_dump(), "description": part.description.model_dump() if part.description else None}
                    for part in spec.parts
                ],
                "parts_for_kinds": list(spec.parts_for_kinds),
            },
        )
        for pos, spec in enumerate(doc.questionnaires)
    }
    questions = {
        spec.id: _upsert(
            m.Question,
            version,
            spec.id,
            {
                **_meta(spec, pos),
                **_text(spec.text, "text"),
                "questionnaire": questionnaires[spec.questionnaire],
                "indicator": indicators[spec.parent],
                "code": spec.code,
            },
        )
        for pos, spec in enumerate(doc.questions)
    }
    rows = {
        spec.id: _upsert(
            m.AnswerRow,
            version,
            spec.id,
            {
                **_meta(spec, pos),
                **_text(spec.text, "text"),
                "question": questions[spec.parent],
                "scale": scales[spec.scale],
                "reverse": spec.reverse,
            },
        )
        for pos, spec in enumerate(doc.answer_rows)
    }
    rules = {
        spec.id: _upsert(
            m.SampleRule,
            version,
            spec.id,
            {
                **_meta(spec, pos),
                **_text(spec.name, "name"),
                "questionnaire": questionnaires[spec.questionnaire],
                "basis": spec.basis,
                "kind": spec.kind,
                "params": spec.model_dump(
                    mode="json", include={"percent", "at_least", "all_below", "cap", "rows"}, exclude_none=True
                ),
            },
        )
        for pos, spec in enumerate(doc.sample_rules)
    }
    return {
        "scales": set(scales),
        "questionnaires": set(questionnaires),
        "questions": set(questions),
        "answer_rows": set(rows),
        "sample_rules": set(rules),
    }
