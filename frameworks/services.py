"""Loading a framework file into the database: idempotent by node id, all or nothing."""

from __future__ import annotations

import hashlib
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path

import yaml

from django.db import transaction
from django.utils.translation import gettext as _

from audit.services import audit_log
from lib import yamlio

from . import models as m
from .registry import evidence_kinds
from .schema import FrameworkFile, FrameworkFileError, parse_framework

DATA_DIR = Path(__file__).resolve().parent / "data"
# A year's file is about 100 KB; anything far larger is a mistake or an attack on the parser.
MAX_FILE_BYTES = 2 * 1024 * 1024


class FrameworkLocked(Exception):
    """The version is in use (an assessment or a survey campaign) and its content may not change."""


@dataclass(frozen=True)
class LoadResult:
    version: m.FrameworkVersion
    created: bool
    changed: bool


def framework_file_read(path: Path) -> tuple[FrameworkFile, str]:
    """Parse and validate the file at PATH; return it with the SHA-256 of its bytes."""
    source = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise FrameworkFileError(source, [("", f"the file is {size} bytes; the limit is {MAX_FILE_BYTES}")])
        raw = path.read_bytes()
    except OSError as exc:
        raise FrameworkFileError(source, [("", f"cannot read the file: {exc.strerror}")]) from None
    return framework_bytes_read(raw, source, directory=path.parent)


def framework_bytes_read(raw: bytes, source: str, *, directory: Path | None = DATA_DIR) -> tuple[FrameworkFile, str]:
    """Parse and validate a framework file's bytes (an upload, or a file read from disk).

    The crosswalk is checked against its previous version: the one in the database, else a
    file of that id in DIRECTORY.
    """
    if len(raw) > MAX_FILE_BYTES:
        raise FrameworkFileError(source, [("", f"the file is {len(raw)} bytes; the limit is {MAX_FILE_BYTES}")])
    try:
        data = yamlio.strict_load(raw.decode("utf-8"))  # C loader where present; repeated keys refused
    except UnicodeDecodeError:
        raise FrameworkFileError(source, [("", "the file is not UTF-8 text")]) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        reason = getattr(exc, "problem", None) or str(exc)
        raise FrameworkFileError(source, [(where, f"not valid YAML: {reason}")]) from None
    doc = parse_framework(data, source)
    known_kinds = evidence_kinds()
    unknown = [
        (f"publishing[{i}].record", f"no kind of record is called '{rule.record}' (known: {', '.join(sorted(known_kinds))})")
        for i, rule in enumerate(doc.publishing)
        if known_kinds and rule.record not in known_kinds
    ]
    if unknown:
        raise FrameworkFileError(source, unknown)
    if doc.crosswalk is not None:
        problems = crosswalk_problems(doc, _previous_outline(doc.crosswalk.from_version, directory))
        if problems:
            raise FrameworkFileError(source, problems)
    return doc, hashlib.sha256(raw).hexdigest()


@dataclass(frozen=True)
class Outline:
    """A version's item codes and element ids, enough to check a crosswalk against it."""

    code: str
    items: frozenset[str]
    elements: frozenset[str]


def _previous_outline(code: str, directory: Path | None) -> Outline | None:
    """The previous version: its file beside this one (shipped files load together), else the
    version in the database (an operator's upload follows what is loaded)."""
    candidate = directory / f"{code}.yaml" if directory is not None else None
    if candidate is not None and candidate.is_file():
        raw = candidate.read_bytes()
        doc = parse_framework(yamlio.strict_load(raw.decode("utf-8")), str(candidate))
        return Outline(code, frozenset(item.code for item in doc.items), frozenset(el.id for el in doc.elements))
    version = m.FrameworkVersion.objects.filter(code=code).first()
    if version is None:
        return None
    return Outline(
        code,
        frozenset(version.items.values_list("code", flat=True)),
        frozenset(version.elements.values_list("node_id", flat=True)),
    )


def crosswalk_problems(doc: FrameworkFile, previous: Outline | None) -> list[tuple[str, str]]:
    """The crosswalk's 'from' side names items and elements of the previous version, each once."""
    walk = doc.crosswalk
    if previous is None:
        return [("crosswalk.from_version", f"version '{walk.from_version}' is not loaded; load it first")]
    problems: list[tuple[str, str]] = []
    covered: set[str] = set()
    for i, entry in enumerate(walk.items):
        for j, code in enumerate(entry.from_):
            path = f"crosswalk.items[{i}].from[{j}]"
            if code not in previous.items:
                problems.append((path, f"item '{code}' does not exist in {previous.code}"))
            elif code in covered and entry.change != "merged":
                problems.append((path, f"item '{code}' of {previous.code} already has an entry"))
            covered.add(code)
        for j, change in enumerate(entry.elements):
            for k, element in enumerate(change.from_):
                if element not in previous.elements:
                    problems.append((f"crosswalk.items[{i}].elements[{j}].from[{k}]", f"element '{element}' does not exist in {previous.code}"))
    for code in sorted(previous.items - covered, key=_natural):
        problems.append(("crosswalk.items", f"item '{code}' of {previous.code} has no entry (use change: dropped if it has no successor)"))
    return problems


def _natural(code: str) -> tuple:
    digits = "".join(ch for ch in code if ch.isdigit())
    return (code.rstrip("0123456789").lower(), int(digits) if digits else 0, code)


def framework_in_use(version: m.FrameworkVersion) -> bool:
    """Locked, or referred to by any row of any other model (assessments, survey campaigns, ...)."""
    if version.locked:
        return True
    for relation in m.FrameworkVersion._meta.get_fields(include_hidden=True):
        if not (relation.one_to_many or relation.one_to_one) or not relation.auto_created:
            continue
        model = relation.related_model
        if model._meta.app_label == "frameworks":
            continue
        if model._default_manager.filter(**{relation.field.name: version}).exists():
            return True
    return False


def framework_lock(version: m.FrameworkVersion) -> None:
    """From now on VERSION may not change: something (an assessment, a campaign) uses it."""
    if not version.locked:
        m.FrameworkVersion.objects.filter(pk=version.pk).update(locked=True)
        version.locked = True


def _text(value, field: str) -> dict[str, str]:
    if value is None:
        return {f"{field}_th": "", f"{field}_en": ""}
    return {f"{field}_th": value.th, f"{field}_en": value.en}


def _meta(node, position: int, *, tree: bool = False) -> dict:
    """Position, confidence and source of NODE; a node of the OIT tree (TREE: indicators,
    subindicators, items, elements) that says nothing takes the file's."""
    if tree and node.confidence is None and _file_marks.get() is not None:
        confidence, source = _file_marks.get()
        return {"position": position, "confidence": confidence, "source": node.source or source}
    return {"position": position, "confidence": node.confidence or "", "source": node.source}


_file_marks: ContextVar[tuple[str, str] | None] = ContextVar("framework_file_marks", default=None)


def _upsert(model, version, node_id: str, values: dict):
    obj, _ = model.objects.update_or_create(version=version, node_id=node_id, defaults=values)
    return obj


def _prune(model, version, keep: set[str]) -> None:
    model.objects.filter(version=version).exclude(node_id__in=keep).delete()


@transaction.atomic
def framework_load(*, path: Path, actor=None) -> LoadResult:
    """Load the framework file at PATH. Raises FrameworkFileError or FrameworkLocked; writes nothing then."""
    doc, digest = framework_file_read(path)
    return framework_store(doc=doc, digest=digest, source_file=path.name, actor=actor)


@transaction.atomic
def framework_store(*, doc: FrameworkFile, digest: str, source_file: str, actor=None) -> LoadResult:
    """Write a validated file into the database (create, or update a version not in use)."""
    existing = m.FrameworkVersion.objects.select_for_update().filter(code=doc.id).first()
    if existing and existing.digest == digest:
        return LoadResult(existing, created=False, changed=False)
    if existing and framework_in_use(existing):
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
            "source_file": source_file,
            "publishing": [rule.model_dump(mode="json", exclude_defaults=True) | {"ticks": list(rule.ticks)} for rule in doc.publishing],
            "crosswalk": doc.crosswalk.model_dump(mode="json", by_alias=True, exclude_none=True) if doc.crosswalk else {},
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
    token = _file_marks.set((doc.confidence, doc.source) if doc.confidence else None)
    try:
        _load_nodes(version, doc)
    finally:
        _file_marks.reset(token)


def _load_nodes(version: m.FrameworkVersion, doc: FrameworkFile) -> None:
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
                **_meta(spec, pos, tree=True),
                **_text(spec.name, "name"),
                "tool": tools[spec.parent],
                "number": spec.number,
                "weight": spec.weight,
                "share": spec.share,
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
                **_meta(spec, pos, tree=True),
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
                **_meta(spec, pos, tree=True),
                **_text(spec.title, "title"),
                **_text(spec.group, "group"),
                "indicator": sub.indicator if sub else indicators[spec.parent],
                "subindicator": sub,
                "code": spec.code,
                "weight": spec.weight,
                "time_rule": spec.time_rule.as_data(),
                "notes": [note.model_dump() for note in spec.notes],
                "responsible": spec.responsible.model_dump(exclude_none=True),
                "elements_status": spec.elements_status,
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
                    **_meta(spec, pos, tree=True),
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
