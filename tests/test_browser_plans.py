"""The plans path in Chromium: an agency admin creates a measures plan and a measure, records a
follow-up with a link on the agency's domain, publishes it to OIT item o43 in one step, sees it
on the item, then downloads the measures PDF (directly, and built in the background with the
progress page polling by htmx) and reads its text back with pdftotext."""

import os
import re
import shutil
import subprocess

import pytest

from documents.jobs import build
from documents.models import DocumentJob
from plans.models import FollowUp, Measure, MeasurePlan

from .browser import browser_page, log_in, needs_chromium
from .conftest import PASSWORD, People
from .oit_helpers import open_assessment, set_phase

pytestmark = [pytest.mark.browser, needs_chromium, pytest.mark.django_db(transaction=True)]
SHOTS = os.environ.get("SCREENSHOT_DIR")
MEASURE = "ยกระดับการเปิดเผยข้อมูลสาธารณะบนเว็บไซต์"
FOLLOW_UP = "เผยแพร่รายงานผลการดำเนินการตามมาตรการ ไตรมาสที่ ๒"
LINK = "https://muangkao.go.th/news/ita-measures-q2"


def shot(page, name):
    if SHOTS:
        page.screenshot(path=os.path.join(SHOTS, f"{name}.png"), full_page=True)


def pdf_text(path) -> str:
    out = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True,
                         text=True).stdout
    return re.sub(r"\s+", "", out)


def test_measure_follow_up_published_to_o43_and_measures_pdf(live_server, framework, settings, tmp_path):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    settings.MEDIA_ROOT = tmp_path / "media"
    people = People()
    assessment = open_assessment(people, framework)
    set_phase(assessment, "oit-collection")
    base = live_server.url
    plans = f"{base}/app/a/muangkao/plans"

    with browser_page(locale="en-US") as page:
        page.goto(base + "/accounts/login/")  # a back-office page: its TH/EN switch sets the cookie
        if page.locator("header .lang button[value=en]").count():  # English labels are stable for this test
            page.click("header .lang button[value=en]")
            page.wait_for_selector("html[lang=en]")
        assert page.locator("html").get_attribute("lang") == "en"
        log_in(page, base, "admin@a.example", PASSWORD)

        # The measures plan of fiscal year 2566, then a measure, through the plans pages.
        page.goto(plans + "/measures/")
        plan_form = "form[action$='/measures/plan/']"
        page.fill(f"{plan_form} [name=fiscal_year]", "2566")
        page.fill(f"{plan_form} [name=title_th]", "มาตรการส่งเสริมคุณธรรมและความโปร่งใส ประจำปี ๒๕๖๖")
        page.fill(f"{plan_form} [name=adopted_on]", "2023-01-16")
        page.click(f"{plan_form} button")
        assert "Measures plan created." in page.inner_text("main")
        measure_form = "form[action$='/measures/new/']"
        page.fill(f"{measure_form} [name=title_th]", MEASURE)
        page.fill(f"{measure_form} [name=period_start]", "2023-01-01")
        page.fill(f"{measure_form} [name=period_end]", "2023-06-30")
        page.check(f"{measure_form} [name=divisions] >> nth=0")
        page.fill(f"{measure_form} [name=methods]", "จัดทำรายงานผลรายไตรมาส\nเผยแพร่บนเว็บไซต์ อบต.")
        page.click(f"{measure_form} button")
        assert "Measure added." in page.inner_text("main")
        assert "ม.ค. ๖๖ – มิ.ย. ๖๖" in page.inner_text("main")

        # A follow-up with a link on the agency's domain.
        page.click(f".board a:has-text('{MEASURE}')")
        follow_form = "form[action$='/follow-up/']"
        page.fill(f"{follow_form} [name=date]", "2023-04-10")
        page.fill(f"{follow_form} [name=text_th]", FOLLOW_UP)
        page.fill(f"{follow_form} [name=url]", LINK)
        page.click(f"{follow_form} button")
        main = page.inner_text("main")
        assert "Follow-up recorded." in main and FOLLOW_UP in main and "In progress" in main
        shot(page, "plans-measure")
        assert Measure.objects.get().status == "in_progress"

        # Publish it to o43 in one step, from the assessment's publish page.
        page.goto(f"{base}/app/a/muangkao/oit/{assessment.pk}/publish/")
        row = page.locator("tr", has_text=FOLLOW_UP)
        shot(page, "plans-publish")
        row.locator("button", has_text="Publish to o43").click()
        page.wait_for_url(re.compile(r".*/oit/\d+/items/\d+/$"))
        main = page.inner_text("main")
        assert "Published as evidence of o43" in main
        assert FOLLOW_UP in main and LINK in page.content()
        shot(page, "plans-o43")
        o43 = assessment.items.get(item__code="o43")
        revision = o43.revisions.get()
        entry = revision.entries.get()
        assert entry.url == LINK and entry.effective_date.isoformat() == "2023-04-10"

        # The measures PDF, straight from the measures page.
        plan = MeasurePlan.objects.get()
        page.goto(plans + "/measures/")
        with page.expect_download() as info:
            page.click(f"a[href$='/documents/measures/{plan.pk}.pdf']")
        direct = tmp_path / "measures.pdf"
        info.value.save_as(direct)
        assert direct.read_bytes().startswith(b"%PDF")

        # The same document built in the background: the job page polls until the file is ready.
        page.goto(plans + "/documents/")
        page.click(f"form[action$='/documents/measures/{plan.pk}.pdf/background/'] button")
        page.wait_for_url(re.compile(r".*/documents/jobs/\d+/$"))
        assert page.get_attribute("#job-bar", "value") == "0"
        assert "Waiting in the queue" in page.inner_text("#job-progress")
        shot(page, "plans-job-queued")
        job = DocumentJob.objects.get()
        assert build(job) == "done"  # what the worker does; the page notices by itself
        page.wait_for_selector("#job-download", timeout=20_000)
        assert page.get_attribute("#job-bar", "value") == "100"
        shot(page, "plans-job-done")
        with page.expect_download() as info:
            page.click("#job-download")
        background = tmp_path / "measures-background.pdf"
        info.value.save_as(background)
        assert background.read_bytes().startswith(b"%PDF")

    assert FollowUp.objects.get().url == LINK
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is missing: the PDFs' text was not checked")
    for path in (direct, background):
        text = pdf_text(path)
        for expected in (MEASURE, "จัดทำรายงานผลรายไตรมาส", FOLLOW_UP, "ม.ค.๖๖–", "มิ.ย.๖๖"):
            assert re.sub(r"\s+", "", expected) in text, (path.name, expected)
