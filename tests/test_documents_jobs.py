"""Documents built in the background: the job page shows progress, then offers the file; only
the agency's staff see a job; a render error ends the job with a clear Thai — English message."""

import io
import re
import shutil
import subprocess

import pytest
from django.urls import reverse

from documents import pdf as pdfmod
from documents.jobs import build_document
from documents.models import DocumentJob

from .plans_factories import make_world

CODE = "muangkao"
IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
DUMMY = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
needs_chromium = pytest.mark.skipif(pdfmod.chromium_path() is None, reason="needs Chromium (Debian package chromium)")


@pytest.fixture
def world(people, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return make_world(people)


def start(client, world, fmt="pdf", kind="measures", pk=None, capture=None):
    url = reverse("plans:document_job_start", args=[CODE, kind, pk or world.plan.pk, fmt])
    if capture is None:
        return client.post(url)
    with capture(execute=True):
        return client.post(url)


@needs_chromium
def test_a_pdf_built_in_the_background_is_offered_when_done(people, world, settings, tmp_path,
                                                            django_capture_on_commit_callbacks):
    settings.TASKS = IMMEDIATE
    client = people.client("officer")
    response = start(client, world, capture=django_capture_on_commit_callbacks)
    job = DocumentJob.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("plans:document_job", args=[CODE, job.pk])
    assert (job.status, job.progress, job.step) == ("done", 100, "finished")
    assert job.requested_by == people.officer and job.started_at and job.finished_at and job.task_id
    page = client.get(response["Location"]).content.decode()
    assert "เสร็จแล้ว" in page and "100%" in page and "hx-get" not in page  # polling stops when done
    download = client.get(reverse("plans:document_job_file", args=[CODE, job.pk]))
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
    assert "attachment" in download["Content-Disposition"] and "muangkao-measures-2566.pdf" in download["Content-Disposition"]
    data = b"".join(download.streaming_content)
    assert data.startswith(b"%PDF")
    if shutil.which("pdftotext"):
        source = tmp_path / "job.pdf"
        source.write_bytes(data)
        text = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", str(source), "-"], capture_output=True,
                              check=True, text=True).stdout
        flat = re.sub(r"\s+", "", text)
        for expected in ("การยกระดับผลการประเมินITA", "แต่งตั้งคณะทำงาน", "เข้าร่วมประชุม"):
            assert expected in flat, expected


def test_a_docx_built_in_the_background_carries_the_text(people, world, settings, django_capture_on_commit_callbacks):
    from docx import Document

    settings.TASKS = IMMEDIATE
    client = people.client("admin")
    start(client, world, fmt="docx", kind="memo", pk=world.memo.pk, capture=django_capture_on_commit_callbacks)
    job = DocumentJob.objects.get()
    assert job.status == "done" and job.filename.endswith(".docx")
    download = client.get(reverse("plans:document_job_file", args=[CODE, job.pk]))
    assert download["Content-Type"].startswith("application/vnd.openxmlformats")
    document = Document(io.BytesIO(b"".join(download.streaming_content)))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "บันทึกข้อความ" in text and "ขออนุมัติ" in text


def test_a_queued_job_shows_progress_zero_and_polls(people, world, settings, django_capture_on_commit_callbacks):
    settings.TASKS = DUMMY
    client = people.client("admin")
    response = start(client, world, capture=django_capture_on_commit_callbacks)
    job = DocumentJob.objects.get()
    assert job.status == "queued" and job.progress == 0
    page = client.get(response["Location"]).content.decode()
    assert 'value="0"' in page and "0%" in page
    assert "รอคิว" in page and "รอเครื่องสร้างเอกสาร" in page
    progress_url = reverse("plans:document_job_progress", args=[CODE, job.pk])
    assert f'hx-get="{progress_url}"' in page and 'hx-trigger="every 2s"' in page
    assert '<meta http-equiv="refresh" content="3">' in page  # inside <noscript>: works without JavaScript
    fragment = client.get(progress_url).content.decode()
    assert "<html" not in fragment and 'id="job-progress"' in fragment
    htmx = client.get(response["Location"], headers={"HX-Request": "true"}).content.decode()
    assert "<html" not in htmx and 'id="job-bar"' in htmx
    assert client.get(reverse("plans:document_job_file", args=[CODE, job.pk])).status_code == 404
    listing = client.get(reverse("plans:documents", args=[CODE])).content.decode()
    assert reverse("plans:document_job", args=[CODE, job.pk]) in listing


def test_the_worker_moves_a_queued_job_on_and_ignores_a_repeat(people, world, settings,
                                                               django_capture_on_commit_callbacks):
    settings.TASKS = DUMMY
    start(people.client("admin"), world, fmt="docx", capture=django_capture_on_commit_callbacks)
    job = DocumentJob.objects.get()
    assert build_document.call(job.pk) == "done"
    job.refresh_from_db()
    assert job.status == "done" and job.progress == 100 and job.result.name.endswith(".docx")
    assert build_document.call(job.pk) == "done"  # a second delivery changes nothing
    assert build_document.call(999999) == "missing"


def test_a_render_error_fails_the_job_with_a_clear_message(people, world, settings, monkeypatch,
                                                           django_capture_on_commit_callbacks):
    settings.TASKS = IMMEDIATE
    monkeypatch.setattr(pdfmod, "chromium_path", lambda: None)
    client = people.client("admin")
    response = start(client, world, capture=django_capture_on_commit_callbacks)
    job = DocumentJob.objects.get()
    assert job.status == "failed" and job.step == "stopped" and not job.result
    assert "สร้าง PDF ไม่ได้" in job.error and "The PDF could not be built" in job.error
    assert "Chromium is not installed" in job.error
    page = client.get(response["Location"]).content.decode()
    assert "ไม่สำเร็จ" in page and "The PDF could not be built" in page and "hx-get" not in page
    assert client.get(reverse("plans:document_job_file", args=[CODE, job.pk])).status_code == 404


def test_an_unexpected_error_also_ends_the_job(people, world, settings, monkeypatch,
                                              django_capture_on_commit_callbacks):
    settings.TASKS = IMMEDIATE

    def broken(html):
        raise ValueError("boom")

    monkeypatch.setattr("documents.jobs.html_to_docx", broken)
    start(people.client("admin"), world, fmt="docx", capture=django_capture_on_commit_callbacks)
    job = DocumentJob.objects.get()
    assert job.status == "failed" and "ValueError" in job.error and "tell the operator" in job.error


def test_a_deleted_record_fails_the_job(people, world, settings, django_capture_on_commit_callbacks):
    settings.TASKS = DUMMY
    start(people.client("admin"), world, capture=django_capture_on_commit_callbacks)
    job = DocumentJob.objects.get()
    world.plan.delete()
    assert build_document.call(job.pk) == "failed"
    job.refresh_from_db()
    assert "no longer exists" in job.error


def test_only_the_agency_staff_see_a_job(people, world, settings, django_capture_on_commit_callbacks):
    settings.TASKS = IMMEDIATE
    start(people.client("admin"), world, fmt="docx", capture=django_capture_on_commit_callbacks)
    job = DocumentJob.objects.get()
    urls = [reverse(name, args=[CODE, job.pk])
            for name in ("plans:document_job", "plans:document_job_progress", "plans:document_job_file")]
    # Outside the agency: 404; the assessor is a member whose role does not build documents: 403.
    for who, status in (("outsider", 404), ("nobody", 404), ("assessor", 403)):
        client = people.client(who)
        for url in urls:
            assert client.get(url).status_code == status, (who, url)
        assert start(client, world).status_code == status, who
    for who in ("admin", "officer", "executive", "member"):
        client = people.client(who)
        for url in urls:
            assert client.get(url).status_code == 200, (who, url)
    # A job of another agency is not reachable through ours, even by its number.
    other = DocumentJob.objects.create(agency=people.other_agency, kind="measures", record_pk=1, fmt="pdf")
    admin = people.client("admin")
    assert admin.get(reverse("plans:document_job", args=[CODE, other.pk])).status_code == 404
    assert people.client(None).get(urls[0]).status_code == 302
    # The assessor sees the documents but is not offered background builds.
    page = people.client("assessor").get(reverse("plans:documents", args=[CODE])).content.decode()
    assert "/background/" not in page


def test_asking_for_a_record_of_another_agency_or_a_bad_format(people, world, settings,
                                                               django_capture_on_commit_callbacks):
    from .plans_factories import make_plan

    settings.TASKS = DUMMY
    foreign = make_plan(people.other_agency, title_th="แผนของหน่วยงานอื่น")
    client = people.client("admin")
    assert start(client, world, pk=foreign.pk).status_code == 404
    assert start(client, world, kind="nonsense").status_code == 404
    response = client.post(reverse("plans:document_job_start", args=[CODE, "measures", world.plan.pk, "html"]),
                           follow=True)
    assert "PDF or DOCX only" in response.content.decode()
    assert client.get(reverse("plans:document_job_start", args=[CODE, "measures", world.plan.pk, "pdf"])).status_code == 405
    assert not DocumentJob.objects.exists()


def test_the_documents_page_offers_background_builds_to_staff(people, world):
    page = people.client("member").get(reverse("plans:documents", args=[CODE])).content.decode()
    assert reverse("plans:document_job_start", args=[CODE, "measures", world.plan.pk, "pdf"]) in page
    assert reverse("plans:document_job_start", args=[CODE, "measures", world.plan.pk, "docx"]) in page


def test_the_job_page_has_bounded_queries(people, world, settings, django_capture_on_commit_callbacks,
                                          django_assert_max_num_queries):
    settings.TASKS = DUMMY
    client = people.client("admin")
    response = start(client, world, capture=django_capture_on_commit_callbacks)
    with django_assert_max_num_queries(12):
        assert client.get(response["Location"]).status_code == 200
    with django_assert_max_num_queries(8):
        progress = client.get(reverse("plans:document_job_progress", args=[CODE, DocumentJob.objects.get().pk]))
    assert progress.status_code == 200
