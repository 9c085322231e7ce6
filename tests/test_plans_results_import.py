"""Last year's results imported into the analysis (o42): CSV or XLSX rows "code,score" checked
against the framework, refused whole when any row is bad, and weak points made in one click."""

import io
from decimal import Decimal

import pytest

from audit.models import AuditEntry
from lib.errors import DomainError
from plans import services
from plans.models import AnalysisPoint, ImportedResult
from plans.services.results import results_framework

from .plans_factories import make_plan

GOOD = "code,score\n4,72.5\no12,100\nO43,60\n9,91.25\n"


@pytest.fixture
def plan(people, framework):
    """The 2567 plan: its "last year" is 2566, read against ita-2566."""
    return make_plan(people.agency, fiscal_year=2567)


def xlsx(rows) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def do_import(plan, text: str | bytes, name: str = "results.csv"):
    data = text.encode("utf-8") if isinstance(text, str) else text
    return services.analysis_results_import(actor=None, plan=plan, name=name, data=data)


def refused_whole(plan, text, name="results.csv") -> str:
    with pytest.raises(DomainError) as exc:
        do_import(plan, text, name)
    assert exc.value.field == "file"
    return exc.value.bilingual()


def test_a_csv_of_indicators_and_items_is_stored_with_names_from_the_framework(plan):
    results = do_import(plan, GOOD)
    assert [(r.code, r.kind, r.score) for r in results] == [
        ("4", "indicator", Decimal("72.5")), ("o12", "item", Decimal("100")), ("o43", "item", Decimal("60")),
        ("9", "indicator", Decimal("91.25")),
    ]
    stored = {r.code: r for r in ImportedResult.objects.filter(plan=plan)}
    assert stored["4"].name_th == "การใช้ทรัพย์สินของราชการ"
    assert stored["o12"].framework_code == "ita-2566"
    audit = AuditEntry.objects.get(action="plans.analysis.results_imported")
    assert audit.payload["scores"]["o43"] == "60.00" and audit.payload["framework"] == "ita-2566"


def test_only_the_previous_years_framework_is_used_never_the_plans_own(people, framework):
    assert results_framework(make_plan(people.agency, fiscal_year=2567)) == framework
    assert results_framework(make_plan(people.agency, fiscal_year=2566)) is None  # 2565 is not loaded here


def test_without_last_years_framework_the_file_is_refused(people, framework):
    plan = make_plan(people.agency, fiscal_year=2566)
    assert "The framework of fiscal year 2565 is not loaded" in refused_whole(plan, GOOD)


def test_an_xlsx_workbook_is_read_too(plan):
    results = do_import(plan, xlsx([["code", "score"], [4, 72.5], ["o12", 100], [10, 80]]), "ผลปีที่แล้ว.xlsx")
    assert [(r.code, r.score) for r in results] == [("4", Decimal("72.5")), ("o12", Decimal("100")),
                                                  ("10", Decimal("80"))]
    assert results[0].source_name == "ผลปีที่แล้ว.xlsx"


def test_thai_digits_and_no_header_are_accepted(plan):
    results = do_import(plan, "๔,๗๒.๕\n")
    assert (results[0].code, results[0].score) == ("4", Decimal("72.5"))


def test_a_new_file_replaces_the_scores_imported_before(plan):
    do_import(plan, GOOD)
    do_import(plan, "code,score\n1,50\n")
    assert list(ImportedResult.objects.filter(plan=plan).values_list("code", flat=True)) == ["1"]


@pytest.mark.parametrize(("content", "name", "message"), [
    (b"", "results.csv", "The file is empty."),
    (b"code,score\n", "results.csv", "The file holds no scores."),
    (GOOD.encode(), "results.pdf", "Upload a CSV (.csv) or Excel (.xlsx) file."),
    (b"%PDF-1.7\x00\x01binary", "results.csv", "The file is not a CSV text file."),
    (b"PK\x03\x04not really a workbook", "results.xlsx", "The file is not an Excel workbook (.xlsx)."),
    (b"code,score\n4,72.5\nx9,50\n", "results.csv",
     "Line 3: “x9” is neither an indicator number nor an OIT item code of ita-2566."),
    (b"code,score\no44,50\n", "results.csv", "“o44” is neither an indicator number"),
    (b"code,score\n11,50\n", "results.csv", "“11” is neither an indicator number"),
    (b"code,score\n4,101\n", "results.csv", "Line 2: a score must lie between 0 and 100."),
    (b"code,score\n4,-1\n", "results.csv", "Line 2: a score must lie between 0 and 100."),
    (b"code,score\n4,abc\n", "results.csv", "Line 2: “abc” is not a number."),
    (b"code,score\n4,NaN\n", "results.csv", "is not a number"),
    (b"code,score\n4,50.123\n", "results.csv", "at most two decimals"),
    (b"code,score\n4,50\n4,60\n", "results.csv", "Line 3: 4 appears twice."),
    (b"code,score\n4\n", "results.csv", "Line 2: give a code and a score, nothing else."),
    (b"code,score\n4,50,extra\n", "results.csv", "Line 2: give a code and a score, nothing else."),
    (b"4,50\n" + b" " * (1024 * 1024), "results.csv", "The file is larger than 1 MB."),
])
def test_a_bad_file_is_refused_whole_with_a_bilingual_message_and_nothing_stored(plan, content, name, message):
    do_import(plan, "code,score\n1,40\n")
    text = refused_whole(plan, content, name)
    assert message in text
    assert " — " in text  # Thai first, then English
    assert list(ImportedResult.objects.filter(plan=plan).values_list("code", "score")) == [("1", Decimal("40"))]


def test_a_bad_xlsx_row_is_refused_whole_too(plan):
    text = refused_whole(plan, xlsx([["code", "score"], [4, 72.5], ["o99", 50]]), "r.xlsx")
    assert "Line 3: “o99”" in text
    assert not ImportedResult.objects.exists()


def test_a_score_below_the_pass_mark_becomes_a_weak_point_tied_to_its_indicator(people, plan):
    do_import(plan, GOOD)
    low = ImportedResult.objects.get(plan=plan, code="4")
    point = services.imported_result_add_weakness(actor=people.admin, result=low)
    assert (point.kind, point.source_code, point.score, point.plan) == ("weakness", "4", Decimal("72.50"), plan)
    assert point.text_th == "ตัวชี้วัดที่ 4 การใช้ทรัพย์สินของราชการ ได้คะแนน 72.50 ในปีที่แล้ว ต่ำกว่าเกณฑ์ผ่าน 85"
    low.refresh_from_db()
    assert low.point == point
    with pytest.raises(DomainError) as exc:
        services.imported_result_add_weakness(actor=people.admin, result=low)
    assert exc.value.code == "conflict"
    assert AnalysisPoint.objects.filter(plan=plan).count() == 1
    item = services.imported_result_add_weakness(actor=None, result=ImportedResult.objects.get(code="o43"))
    assert item.source_code == "o43" and item.text_th.startswith("ข้อ o43 ")


def test_a_score_at_or_above_the_pass_mark_is_not_a_weak_point(plan):
    do_import(plan, GOOD + "5,85\n")
    for code in ("5", "o12", "9"):
        with pytest.raises(DomainError) as exc:
            services.imported_result_add_weakness(actor=None, result=ImportedResult.objects.get(code=code))
        assert "not below the pass mark of 85" in exc.value.bilingual()
    assert not AnalysisPoint.objects.exists()


def test_a_workbook_sent_through_the_page_is_read_in_the_background(people, plan, settings):
    """The page keeps the workbook as a job and returns at once; a worker reads it later; a
    refused workbook keeps its reason, shown in the page's language."""
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    from plans.models import ResultsImportJob
    from plans.services.results import results_import_job_run

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    client = people.client("admin")
    url = reverse("plans:analysis_results_import", args=[plan.agency.code])
    good = SimpleUploadedFile("ผลปีที่แล้ว.xlsx", xlsx([["code", "score"], [4, 72.5], ["o12", 100]]))
    response = client.post(url, {"file": good})
    assert response.status_code == 302
    job = ResultsImportJob.objects.get()
    assert job.status == ResultsImportJob.Status.QUEUED and not plan.imported_results.exists()
    assert results_import_job_run(job_id=job.pk) == ResultsImportJob.Status.DONE
    assert plan.imported_results.count() == 2

    bad = SimpleUploadedFile("r.xlsx", xlsx([["code", "score"], [4, 72.5], ["o99", 50]]))
    client.post(url, {"file": bad})
    job = ResultsImportJob.objects.filter(filename="r.xlsx").get()
    assert results_import_job_run(job_id=job.pk) == ResultsImportJob.Status.FAILED
    job.refresh_from_db()
    assert "o99" in job.error["en"] and job.error["th"] != job.error["en"]
    page = client.get(reverse("plans:measures", args=[plan.agency.code])).content.decode()
    assert "r.xlsx" in page and job.error["th"] in page
    assert plan.imported_results.count() == 2  # the refused workbook changed nothing
