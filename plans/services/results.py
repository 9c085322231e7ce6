"""Last year's official results imported into the analysis of a measures plan (o42).

A file of rows "code, score" (CSV, or the first sheet of an XLSX workbook) where the code is an
indicator number or an OIT item code of the framework version of the previous fiscal year: last
year's results are read against last year's framework only, never this year's (whose item codes
mean other things). The file is refused whole, with nothing stored, at the first bad row.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from audit.services import audit_log
from frameworks.models import FrameworkVersion, Indicator, Item
from lib.errors import ConflictError, DomainError
from lib.scoring import rounded
from lib.spreadsheets import xlsx_rows
from lib.thai import to_arabic_digits

from ..models import AnalysisPoint, ImportedResult, MeasurePlan, ResultsImportJob
from .common import msg, validated

MAX_BYTES = 1024 * 1024
MAX_ROWS = 500
DEFAULT_PASS_MARK = Decimal(85)


def results_framework(plan: MeasurePlan) -> FrameworkVersion | None:
    """The framework version last year's results are read against: the previous fiscal year's."""
    return FrameworkVersion.objects.filter(fiscal_year=plan.fiscal_year - 1).order_by("-loaded_at").first()


def pass_mark(framework: FrameworkVersion | None) -> Decimal:
    value = (framework.scoring or {}).get("pass_mark") if framework is not None else None
    return Decimal(str(value)) if value is not None else DEFAULT_PASS_MARK


@dataclass(frozen=True)
class _Row:
    line: int
    code: str
    score: Decimal


def _xlsx_rows(data: bytes) -> list[list[str]]:
    """The first sheet, after the size, cell and column checks of lib.spreadsheets."""
    return xlsx_rows(data, max_rows=MAX_ROWS + 1)


def _csv_rows(data: bytes) -> list[list[str]]:
    if b"\x00" in data:
        raise DomainError(_("The file is not a CSV text file."), field="file")
    for encoding in ("utf-8-sig", "cp874"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - cp874 decodes almost any byte string
        raise DomainError(_("The file is not a CSV text file."), field="file")
    try:
        return list(csv.reader(io.StringIO(text)))
    except csv.Error:
        raise DomainError(_("The file is not a CSV text file."), field="file") from None


def _score(text: str) -> Decimal | None:
    try:
        value = Decimal(to_arabic_digits(text).replace(" ", ""))
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


def _parse(rows: list[list[str]]) -> list[_Row]:
    parsed: list[_Row] = []
    for line, row in enumerate(rows, start=1):
        cells = [str(cell).strip() for cell in row]
        while cells and not cells[-1]:
            cells.pop()
        if not cells:
            continue
        if not parsed and line == 1 and (len(cells) < 2 or _score(cells[1]) is None):
            continue  # a header row such as "code,score"
        if len(parsed) >= MAX_ROWS:
            raise DomainError(msg(_("The file has more than %(n)s rows."), {"n": MAX_ROWS}), field="file")
        if len(cells) != 2:
            raise DomainError(msg(_("Line %(n)s: give a code and a score, nothing else."), {"n": line}), field="file")
        value = _score(cells[1])
        if value is None:
            raise DomainError(
                msg(_("Line %(n)s: “%(v)s” is not a number."), {"n": line, "v": cells[1][:20]}), field="file"
            )
        if not Decimal(0) <= value <= Decimal(100):
            raise DomainError(msg(_("Line %(n)s: a score must lie between 0 and 100."), {"n": line}), field="file")
        if value.as_tuple().exponent < -2:
            raise DomainError(msg(_("Line %(n)s: give the score with at most two decimals."), {"n": line}),
                              field="file")
        parsed.append(_Row(line, to_arabic_digits(cells[0]).strip().lower(), rounded(value)))
    return parsed


def read_results_file(name: str, data: bytes) -> list[list[str]]:
    """The rows of an uploaded CSV or XLSX file, or a DomainError for anything else."""
    if len(data) > MAX_BYTES:
        raise DomainError(_("The file is larger than 1 MB."), field="file")
    if not data.strip():
        raise DomainError(_("The file is empty."), field="file")
    lower = (name or "").lower()
    if lower.endswith(".xlsx"):
        return _xlsx_rows(data)
    if lower.endswith(".csv") or lower.endswith(".txt"):
        return _csv_rows(data)
    raise DomainError(_("Upload a CSV (.csv) or Excel (.xlsx) file."), field="file")


@transaction.atomic
def analysis_results_import(*, actor, plan: MeasurePlan, name: str, data: bytes) -> list[ImportedResult]:
    """Replace the plan's imported results by those of the file NAME with content DATA."""
    rows = _parse(read_results_file(name, data))
    if not rows:
        raise DomainError(_("The file holds no scores."), field="file")
    framework = results_framework(plan)
    if framework is None:
        raise DomainError(
            msg(_("The framework of fiscal year %(previous)s is not loaded, so last year's results cannot be read against it. An operator can load that year's file first."),
                {"previous": plan.fiscal_year - 1}),
            field="file",
        )
    indicators = {i.number: i for i in Indicator.objects.filter(version=framework)}
    items = {i.code.lower(): i for i in Item.objects.filter(version=framework)}
    seen: set[str] = set()
    results = []
    for position, row in enumerate(rows):
        if row.code in indicators:
            kind, name_th = ImportedResult.Kind.INDICATOR, indicators[row.code].name_th
        elif row.code in items:
            kind, name_th = ImportedResult.Kind.ITEM, items[row.code].title_th
        elif not items:
            raise DomainError(
                msg(_("Line %(n)s: “%(code)s” is not an indicator number of %(framework)s, and the OIT item list of that year is not loaded: give indicator scores only."),
                    {"n": row.line, "code": row.code[:20], "framework": framework.code}),
                field="file",
            )
        else:
            raise DomainError(
                msg(_("Line %(n)s: “%(code)s” is neither an indicator number nor an OIT item code of %(framework)s."),
                    {"n": row.line, "code": row.code[:20], "framework": framework.code}),
                field="file",
            )
        if row.code in seen:
            raise DomainError(msg(_("Line %(n)s: %(code)s appears twice."), {"n": row.line, "code": row.code}),
                              field="file")
        seen.add(row.code)
        results.append(ImportedResult(plan=plan, framework_code=framework.code, kind=kind, code=row.code,
                                      name_th=name_th[:400], score=row.score, position=position,
                                      source_name=(name or "")[:200]))
    ImportedResult.objects.filter(plan=plan).delete()
    for result in results:
        validated(result).save()
    audit_log(actor=actor, action="plans.analysis.results_imported", target=plan, agency=plan.agency,
              payload={"file": (name or "")[:200], "framework": framework.code,
                       "scores": {r.code: str(r.score) for r in results}})
    return results


@transaction.atomic
def imported_result_add_weakness(*, actor, result: ImportedResult) -> AnalysisPoint:
    """Turn an imported score below the pass mark into a weak point tied to its indicator or item."""
    result = ImportedResult.objects.select_for_update().select_related("plan__agency").get(pk=result.pk)
    if result.point_id is not None:
        raise ConflictError(_("This result is already a finding of the analysis."))
    framework = FrameworkVersion.objects.filter(code=result.framework_code).first()
    mark = pass_mark(framework)
    if result.score >= mark:
        raise DomainError(
            msg(_("%(code)s scored %(score)s, not below the pass mark of %(mark)s."),
                {"code": result.code, "score": result.score, "mark": mark}),
        )
    if result.kind == ImportedResult.Kind.INDICATOR:
        label = msg(_("Indicator %(code)s %(name)s"), {"code": result.code, "name": result.name_th})
    else:
        label = msg(_("Item %(code)s %(name)s"), {"code": result.code, "name": result.name_th})
    with translation.override("th"):  # the finding is recorded in Thai like the typed ones
        text = str(msg(_("%(label)s scored %(score)s last year, below the pass mark of %(mark)s."),
                       {"label": label, "score": result.score, "mark": mark}))
    plan = result.plan
    point = validated(
        AnalysisPoint(plan=plan, kind=AnalysisPoint.Kind.WEAKNESS, source_code=result.code, score=result.score,
                      text_th=text, position=plan.analysis_points.count())
    )
    point.save()
    result.point = point
    result.save(update_fields=["point"])
    audit_log(actor=actor, action="plans.analysis.added", target=point, agency=plan.agency,
              payload={"source": point.source_code, "kind": point.kind, "imported_result": result.pk})
    return point


# --- workbooks read in the background ----------------------------------------------------------


@transaction.atomic
def results_import_request(*, actor, plan: MeasurePlan, name: str, data: bytes) -> ResultsImportJob:
    """Keep an uploaded workbook and queue it to be read (the task row commits with the job, so
    a worker finds both, and a rolled-back request queues nothing)."""
    from ..tasks import results_import_run

    if len(data) > MAX_BYTES:
        raise DomainError(_("The file is larger than 1 MB."), field="file")
    job = validated(ResultsImportJob(plan=plan, requested_by=actor if getattr(actor, "pk", None) else None,
                                     filename=(name or "")[:200], data=data))
    job.save()
    audit_log(actor=actor, action="plans.results.import_requested", target=plan, agency=plan.agency,
              payload={"source": job.filename, "bytes": len(data), "job": job.pk})
    results_import_run.enqueue(job.pk)
    return job


def results_import_job_run(*, job_id: int) -> str:
    """Read the job's workbook (checks and time limit in lib.spreadsheets) and import it, all or
    nothing; the job ends imported, or refused with its message in Thai and English."""
    job = ResultsImportJob.objects.select_related("plan__agency", "requested_by").filter(pk=job_id).first()
    if job is None or job.status in (ResultsImportJob.Status.DONE, ResultsImportJob.Status.FAILED):
        return "gone"
    ResultsImportJob.objects.filter(pk=job.pk).update(status=ResultsImportJob.Status.RUNNING)
    try:
        analysis_results_import(actor=job.requested_by, plan=job.plan, name=job.filename, data=bytes(job.data))
    except DomainError as error:
        ResultsImportJob.objects.filter(pk=job.pk).update(
            status=ResultsImportJob.Status.FAILED, finished_at=timezone.now(),
            error={"th": error.in_language("th"), "en": error.in_language("en")},
        )
        return ResultsImportJob.Status.FAILED
    ResultsImportJob.objects.filter(pk=job.pk).update(status=ResultsImportJob.Status.DONE, finished_at=timezone.now())
    return ResultsImportJob.Status.DONE
