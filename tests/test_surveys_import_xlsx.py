"""Official IIT/EIT scores imported from an Excel workbook, beside the CSV import: the same
checks, the same messages, nothing stored from a bad file. Workbooks are read in the
background (a job per upload); here the task backend runs the job at once."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from audit.models import AuditEntry
from surveys.models import ImportedScore

from .surveys_helpers import in_english, make_campaign, surveys_env  # noqa: F401

openpyxl = pytest.importorskip("openpyxl", reason="openpyxl is not installed (pip install -r requirements.txt)")
pytestmark = pytest.mark.usefixtures("surveys_env")


@pytest.fixture
def campaign(people, framework, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    return make_campaign(people, framework)


def workbook(rows, *, sheet_title="IIT") -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = sheet_title
    for row in rows:
        sheet.append(list(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def upload(people, campaign, data: bytes, name: str = "iit.xlsx"):
    client = in_english(people.client("admin"))
    url = f"/app/a/{campaign.agency.code}/surveys/{campaign.fiscal_year}/results/"
    return client, url, client.post(url, {"file": SimpleUploadedFile(name, data)}, follow=True)


def test_official_scores_are_imported_from_a_workbook(people, campaign):
    # Numbers as Excel stores them: indicator numbers as floats 1.0, scores as floats.
    data = workbook([("indicator", "score"), (1.0, 90), (2, 80.5), ("3", "70"), (4, 60.0), (5, 50)])
    client, url, response = upload(people, campaign, data)
    assert response.status_code == 200 and "imported" in response.content.decode()
    scores = dict(ImportedScore.objects.filter(campaign=campaign).values_list("indicator__number", "score"))
    assert {k: str(v) for k, v in scores.items()} == {"1": "90.00", "2": "80.50", "3": "70.00", "4": "60.00", "5": "50.00"}
    html = client.get(url).content.decode()
    assert "imported official scores" in html and "70.10" in html
    entry = AuditEntry.objects.get(action="surveys.scores.imported")
    assert entry.payload["source"] == "iit.xlsx"


def test_a_workbook_is_recognised_by_its_content_whatever_its_name(people, campaign):
    data = workbook([(1, 90), (2, 80), (3, 70), (4, 60), (5, 50)])
    assert upload(people, campaign, data, name="scores.bin")[2].status_code == 200
    assert ImportedScore.objects.filter(campaign=campaign).count() == 5


@pytest.mark.parametrize(
    "rows, message",
    [
        ([(1, 90), (2, 80)], "Indicator 3 is missing"),
        ([(1, 90), (1, 80)], "appears twice"),
        ([(9, 90)], "is not an IIT or EIT indicator"),
        ([(1, "abc")], "is not a number"),
        ([(1, 101)], "between 0 and 100"),
        ([(1,)], "give an indicator number and a score"),
        ([], "The file holds no scores."),
    ],
)
def test_a_bad_workbook_is_refused_whole_with_the_csv_messages(people, campaign, rows, message):
    response = upload(people, campaign, workbook(rows))[2]
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not ImportedScore.objects.exists()


def test_a_file_that_is_not_a_workbook_is_refused(people, campaign):
    response = upload(people, campaign, b"PK\x03\x04 not really a zip", name="broken.xlsx")[2]
    assert "The file is not an Excel workbook (.xlsx)." in response.content.decode()
    assert not ImportedScore.objects.exists()


def test_csv_still_works_beside_xlsx(people, campaign):
    data = b"indicator,score\n1,90\n2,80.5\n3,70\n4,60\n5,50\n"
    assert upload(people, campaign, data, name="iit.csv")[2].status_code == 200
    assert ImportedScore.objects.filter(campaign=campaign).count() == 5


def test_the_refusal_is_in_thai_too(people, campaign):
    client = people.client("admin")
    url = f"/app/a/{campaign.agency.code}/surveys/{campaign.fiscal_year}/results/"
    html = client.post(url, {"file": SimpleUploadedFile("x.xlsx", b"PK\x03\x04 broken")}, follow=True).content.decode()
    assert "ไม่ใช่ไฟล์ Excel" in html and "The file is not an Excel workbook" in html


def test_a_workbook_waits_in_the_queue_kept_whole_until_a_worker_reads_it(people, campaign, settings):
    from surveys.models import ScoreImportJob
    from surveys.services import score_import_job_run

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    data = workbook([(1, 90), (2, 80), (3, 70), (4, 60), (5, 50)])
    _client, _url, response = upload(people, campaign, data)
    assert "being read in the background" in response.content.decode() and "waiting to be read" in response.content.decode()
    job = ScoreImportJob.objects.get()
    assert bytes(job.data) == data and not ImportedScore.objects.exists()
    assert AuditEntry.objects.filter(action="surveys.scores.import_requested").exists()
    assert score_import_job_run(job_id=job.pk) == "done"
    assert ImportedScore.objects.filter(campaign=campaign).count() == 5
