"""A new year's framework loaded by an operator in the product, without a developer.

The file is checked exactly as `load_framework` checks it (same problems: file, path, reason),
kept with a diff against the previous year, and published only when the operator confirms.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from audit.services import audit_log
from lib.errors import ConflictError, DomainError, PermissionRefused, lazy_format

from . import models as m
from .schema import FrameworkFile
from .services import LoadResult, framework_bytes_read, framework_in_use, framework_store


@dataclass
class ItemChange:
    change: str  # added, dropped, renamed, merged, split, same
    old: list[str]
    new: list[str]
    title: str = ""

    @property
    def change_label(self) -> str:
        from .selectors import CHANGE_LABELS

        return str(CHANGE_LABELS.get(self.change, self.change))


@dataclass
class FrameworkDiff:
    previous: m.FrameworkVersion | None
    items: list[ItemChange] = field(default_factory=list)
    bands: list[tuple[str, str, str]] = field(default_factory=list)  # (band, before, after)
    weights: list[tuple[str, str, str]] = field(default_factory=list)  # (tool, before, after)
    scoring: list[tuple[str, str, str]] = field(default_factory=list)
    item_counts: tuple[int, int] = (0, 0)

    def changed_items(self) -> list[ItemChange]:
        return [c for c in self.items if c.change != "same"]


def _require_operator(actor) -> None:
    if not getattr(actor, "is_operator", False):
        raise PermissionRefused(_("Only operators load framework files."))


def _band_text(min_total, max_total, min_each_tool) -> str:
    text = f"{Decimal(min_total).normalize():f}–{Decimal(max_total).normalize():f}"
    if min_each_tool is not None:
        text += f", ≥{Decimal(min_each_tool).normalize():f} each tool"
    return text


def previous_version(doc: FrameworkFile) -> m.FrameworkVersion | None:
    """The version DOC follows: its crosswalk's, else the latest earlier fiscal year's."""
    if doc.crosswalk is not None:
        return m.FrameworkVersion.objects.filter(code=doc.crosswalk.from_version).first()
    return m.FrameworkVersion.objects.filter(fiscal_year__lt=doc.fiscal_year).order_by("-fiscal_year").first()


def framework_diff(doc: FrameworkFile, previous: m.FrameworkVersion | None) -> FrameworkDiff:
    """Items added, merged, renamed, split and dropped (from the file's crosswalk, else by code);
    rating bands, tool weights and scoring rules that changed."""
    diff = FrameworkDiff(previous, item_counts=(previous.items.count() if previous else 0, len(doc.items)))
    new_codes = {item.id: item.code for item in doc.items}
    new_titles = {item.code: item.title.th for item in doc.items}
    old_titles = dict(previous.items.values_list("code", "title_th")) if previous else {}
    if doc.crosswalk is not None:
        for entry in doc.crosswalk.items:
            targets = [new_codes[node] for node in entry.to]
            change = {"new": "added"}.get(entry.change, entry.change)
            diff.items.append(ItemChange(change, list(entry.from_), targets, new_titles.get(targets[0], "") if targets else ""))
    else:
        for code, title in new_titles.items():
            if code not in old_titles:
                diff.items.append(ItemChange("added", [], [code], title))
            else:
                diff.items.append(ItemChange("same" if old_titles[code] == title else "renamed", [code], [code], title))
        diff.items += [ItemChange("dropped", [code], [], title) for code, title in old_titles.items() if code not in new_titles]
    if previous is not None:
        old_bands = {
            b.node_id: (b.label_th, _band_text(b.min_total, b.max_total, b.min_each_tool))
            for b in m.RatingBand.objects.filter(scheme_id=previous.rating_scheme_id)
        }
        scheme = next(s for s in doc.rating_schemes if s.id == doc.rating_scheme)
        new_bands = {b.id: (b.label.th, _band_text(b.min_total, b.max_total, b.min_each_tool)) for b in scheme.bands}
        for band_id in list(old_bands) + [b for b in new_bands if b not in old_bands]:
            before = old_bands.get(band_id, ("", "—"))
            after = new_bands.get(band_id, ("", "—"))
            if before[1] != after[1]:
                diff.bands.append((after[0] or before[0], before[1], after[1]))
        old_weights = {t.code: t.weight for t in previous.tools.all()}
        for tool in doc.tools:
            before = old_weights.get(tool.code)
            if before is None or Decimal(before) != tool.weight:
                diff.weights.append((tool.code, "—" if before is None else f"{Decimal(before).normalize():f}", f"{tool.weight.normalize():f}"))
        new_scoring = doc.scoring.model_dump(mode="json")
        for key in ("indicator", "tool", "total", "pass_mark", "item_values"):
            if str(previous.scoring.get(key)) != str(new_scoring.get(key)):
                diff.scoring.append((key, str(previous.scoring.get(key, "—")), str(new_scoring.get(key))))
    return diff


@transaction.atomic
def framework_upload_check(*, actor, name: str, raw: bytes) -> m.FrameworkUpload:
    """Validate RAW as `load_framework` does; keep it, waiting for confirmation. Raises
    FrameworkFileError with every problem (file, path, reason); stores nothing then."""
    _require_operator(actor)
    doc, digest = framework_bytes_read(raw, name, directory=None)
    existing = m.FrameworkVersion.objects.filter(code=doc.id).first()
    if existing is not None and framework_in_use(existing) and existing.digest != digest:
        raise DomainError(
            lazy_format(_("Framework %(code)s is already used by assessments or surveys and cannot change. Publish the new content under a new version id."),
                        {"code": doc.id}),
            field="file",
        )
    upload = m.FrameworkUpload(
        file_name=name[:200], content=raw, digest=digest, version_code=doc.id, fiscal_year=doc.fiscal_year, uploaded_by=actor
    )
    upload.full_clean()
    upload.save()
    audit_log(actor=actor, action="framework.upload.checked", target=upload,
              payload={"code": doc.id, "digest": digest, "file": upload.file_name})
    return upload


def framework_upload_read(upload: m.FrameworkUpload) -> FrameworkFile:
    doc, _digest = framework_bytes_read(bytes(upload.content), upload.file_name, directory=None)
    return doc


@transaction.atomic
def framework_upload_publish(*, actor, upload: m.FrameworkUpload) -> LoadResult:
    """Publish a checked upload (checked again: what is loaded may have changed since)."""
    _require_operator(actor)
    upload = m.FrameworkUpload.objects.select_for_update().get(pk=upload.pk)
    if upload.status != m.FrameworkUpload.Status.PENDING:
        raise ConflictError(_("This file was already published."))
    doc = framework_upload_read(upload)
    result = framework_store(doc=doc, digest=upload.digest, source_file=upload.file_name, actor=actor)
    upload.status = m.FrameworkUpload.Status.PUBLISHED
    upload.published_at = timezone.now()
    upload.save(update_fields=["status", "published_at"])
    audit_log(actor=actor, action="framework.published", target=result.version,
              payload={"code": result.version.code, "digest": upload.digest, "upload": upload.pk, "created": result.created})
    return result
