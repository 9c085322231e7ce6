"""OIT pages as the officer, the admin, the executive and the assessor use them."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from assessments.models import EvidenceRevision, ItemState
from assessments.services import EntryInput, evidence_save, item_transition

from .oit_helpers import set_phase

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def item_url(assessment, item, name="oit:item"):
    return reverse(name, args=["muangkao", assessment.pk, item.pk])


def test_the_assessment_page_shows_the_matrix_and_readiness(people, assessment):
    page = people.client("member").get(reverse("oit:assessment", args=["muangkao", assessment.pk])).content.decode()
    assert page.count('class="item-code"') == 43
    assert "สำนักปลัด" in page
    assert 'class="bar state-' in page and "<table" in page  # the chart has its numbers beside it


def test_the_assessment_page_takes_a_fixed_number_of_queries(people, assessment, django_assert_max_num_queries):
    client = people.client("admin")
    url = reverse("oit:assessment", args=["muangkao", assessment.pk])
    with django_assert_max_num_queries(16):
        assert client.get(url).status_code == 200


def test_officer_uploads_a_pdf_and_submits(people, assessment, o1):
    client = people.client("officer")
    response = client.post(
        item_url(assessment, o1, "oit:item_evidence"),
        {
            "base_version": o1.version,
            "title": "แผนผังโครงสร้าง",
            "file": SimpleUploadedFile("โครงสร้าง.pdf", PDF, "application/pdf"),
            "effective_date": "2023-01-10",
            "ticked": [o1.item.elements.first().pk],
        },
    )
    assert response.status_code == 302
    revision = EvidenceRevision.objects.get(assessment_item=o1)
    entry = revision.entries.get()
    assert entry.file_type == "pdf" and entry.file_name == "โครงสร้าง.pdf"
    download = client.get(reverse("oit:entry_file", args=["muangkao", assessment.pk, entry.pk]))
    assert download["Content-Disposition"].startswith("attachment")
    assert b"".join(download.streaming_content) == PDF
    o1.refresh_from_db()
    client.post(item_url(assessment, o1, "oit:item_transition"), {"action": "submit", "base_version": o1.version})
    o1.refresh_from_db()
    assert o1.state == ItemState.SUBMITTED


@pytest.mark.parametrize(
    "name,content,expected",
    [
        ("report.pdf", b"<html><script>alert(1)</script></html>", "mismatch"),
        ("report.pdf", b"MZ\x90\x00" + b"\x00" * 100, "executable"),
        ("tool.exe", b"MZ\x90\x00", "executable"),
    ],
)
def test_disguised_uploads_are_refused_with_a_message_and_the_form_kept(people, assessment, o1, name, content, expected):
    response = people.client("officer").post(
        item_url(assessment, o1, "oit:item_evidence"),
        {"base_version": o1.version, "title": "ชื่อที่พิมพ์ไว้", "file": SimpleUploadedFile(name, content)},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "ชื่อที่พิมพ์ไว้" in page  # nothing typed is lost
    assert 'class="errorlist"' in page
    assert not EvidenceRevision.objects.exists()


def test_an_oversized_upload_is_refused(people, assessment, o1, settings):
    settings.EVIDENCE_MAX_UPLOAD_BYTES = 100
    response = people.client("officer").post(
        item_url(assessment, o1, "oit:item_evidence"),
        {"base_version": o1.version, "title": "ใหญ่", "file": SimpleUploadedFile("big.pdf", PDF + b"0" * 200)},
    )
    assert response.status_code == 400 and not EvidenceRevision.objects.exists()


def test_a_stale_form_gets_a_conflict_message(people, assessment, o1):
    stale = o1.version
    evidence_save(actor=people.admin, assessment_item=o1, base_version=stale,
                  new_entries=[EntryInput(title="ก่อน", url="https://muangkao.go.th/a")])
    response = people.client("officer").post(
        item_url(assessment, o1, "oit:item_evidence"),
        {"base_version": stale, "title": "ของฉัน", "url": "https://muangkao.go.th/b"},
    )
    page = response.content.decode()
    assert response.status_code == 400 and "ของฉัน" in page
    assert "Someone else changed this item" in page or "มีผู้อื่นแก้ไข" in page
    assert EvidenceRevision.objects.count() == 1


def _send(people, item):
    evidence_save(actor=people.officer, assessment_item=item, base_version=item.version,
                  new_entries=[EntryInput(title="ฉบับส่ง", url="https://muangkao.go.th/sent")])
    for action, who in (("submit", "officer"), ("accept", "admin"), ("approve", "executive"), ("send", "admin")):
        item.refresh_from_db()
        item_transition(actor=getattr(people, who), assessment_item=item, action=action, base_version=item.version)
    item.refresh_from_db()


def test_the_assessor_sees_only_what_was_sent(people, assessment, o1):
    _send(people, o1)
    # A later draft is not sent and must stay invisible to the assessor.
    o1.state = ItemState.RETURNED
    o1.save()
    evidence_save(actor=people.officer, assessment_item=o1, base_version=o1.version,
                  new_entries=[EntryInput(title="ร่างภายใน", url="https://muangkao.go.th/draft")])
    page = people.client("assessor").get(item_url(assessment, o1)).content.decode()
    assert "ฉบับส่ง" in page and "ร่างภายใน" not in page
    staff_page = people.client("admin").get(item_url(assessment, o1)).content.decode()
    assert "ร่างภายใน" in staff_page


def test_the_agency_sees_verdicts_only_from_the_clarification_window(people, assessment, o1):
    _send(people, o1)
    set_phase(assessment, "oit-review")
    people.client("assessor").post(
        item_url(assessment, o1, "oit:item_verdict"),
        {"verdict": "fail", "reason": "ไม่มีฝ่ายการเมือง", "missing": [o1.item.elements.first().pk], "base_version": o1.version},
    )
    o1.refresh_from_db()
    assert o1.preliminary_verdict == "fail"
    assert "ไม่มีฝ่ายการเมือง" not in people.client("admin").get(item_url(assessment, o1)).content.decode()
    score = people.client("admin").get(reverse("oit:score", args=["muangkao", assessment.pk])).content.decode()
    assert "clarification window" in score or "ชี้แจง" in score
    set_phase(assessment, "clarification")
    page = people.client("admin").get(item_url(assessment, o1)).content.decode()
    assert "ไม่มีฝ่ายการเมือง" in page and "clarify" in page


def test_bulk_assignment_from_the_matrix(people, assessment):
    person = people.officer.people.get(agency=people.agency)
    items = list(assessment.items.filter(item__code__in=["o19", "o20", "o21"]))
    response = people.client("admin").post(
        reverse("oit:matrix", args=["muangkao", assessment.pk]),
        {"items": [i.pk for i in items], "officer": person.pk, "due_date": "2030-02-01"},
    )
    assert response.status_code == 302
    for item in items:
        item.refresh_from_db()
        assert item.officer == person and item.due_date == dt.date(2030, 2, 1)


def test_the_printable_matrix_reads_like_the_seed_table(people, assessment):
    page = people.client("admin").get(reverse("oit:matrix_print", args=["muangkao", assessment.pk])).content.decode()
    assert "การกำหนดผู้รับผิดชอบแบบตรวจการเปิดเผยข้อมูลสาธารณะ (OIT)" in page
    assert "ตัวชี้วัดย่อยที่ 9.1 ข้อมูลพื้นฐาน" in page
    assert "องค์ประกอบด้านข้อมูล" in page and "ผู้รับผิดชอบ" in page


def test_only_operators_move_the_calendar(people, assessment):
    phase = assessment.phases.get(code="oit-collection")
    url = reverse("oit:phases", args=["muangkao", assessment.pk])
    assert people.client("admin").post(url, {"phase": phase.pk, "start": "2030-01-01", "end": "2030-02-01"}).status_code == 403
    people.client("operator").post(url, {"phase": phase.pk, "start": "2030-01-01", "end": "2030-02-01"})
    phase.refresh_from_db()
    assert phase.start == dt.date(2030, 1, 1)
    response = people.client("operator").post(url, {"phase": phase.pk, "start": "2030-03-01", "end": "2030-02-01"}, follow=True)
    phase.refresh_from_db()
    assert phase.start == dt.date(2030, 1, 1)
    assert "cannot end before it starts" in response.content.decode() or "สิ้นสุดก่อน" in response.content.decode()


def test_the_score_page_gives_the_total_ita_score_and_rating(people, assessment):
    from surveys.services import official_scores_import, official_scores_verify

    from .surveys_helpers import make_campaign

    campaign = make_campaign(people, assessment.framework)
    csv_text = "indicator,score\n" + "\n".join(f"{n},96" for n in range(1, 9))
    official_scores_import(actor=people.admin, campaign=campaign, csv_text=csv_text)
    # Every OIT item confirmed as a pass.
    assessment.items.update(preliminary_verdict="pass", final_verdict="pass")
    page = people.client("assessor").get(reverse("oit:score", args=["muangkao", assessment.pk])).content.decode()
    # Entered by the agency itself: shown, marked, and left out of the total until confirmed.
    assert 'id="ita-total">—<' in page and page.count("96.00") == 2
    assert "ไม่ได้ตรวจยืนยัน" in page or "not verified" in page
    official_scores_verify(actor=people.assessor, campaign=campaign)
    page = people.client("assessor").get(reverse("oit:score", args=["muangkao", assessment.pk])).content.decode()
    assert 'id="ita-total">97.60<' in page  # 0.3 × 96 + 0.3 × 96 + 0.4 × 100
    assert "ผ่านดีเยี่ยม" in page or "Excellent" in page


def test_date_fields_keep_their_value_in_a_thai_page(people, assessment):
    item = assessment.items.get(item__code="o2")
    page = people.client("admin").get(reverse("oit:item_assign", args=["muangkao", assessment.pk, item.pk])).content.decode()
    # A browser date input only understands ISO dates, whatever the page's language.
    assert f'value="{item.due_date.isoformat()}"' in page
