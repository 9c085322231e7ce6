"""Each role's day, as pages: home work lists and top-bar counts, the approval memo and bulk
send pages, the item page's order and refusals, the assessor's review window, the working
group order edited in the product, and the audit trail."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from agencies.models import WorkingGroup
from assessments.models import ApprovalMemo, AssessmentItem, EvidenceCheck, ItemState
from audit.models import AuditEntry
from audit.services import audit_log

from .conftest import make_person
from .oit_helpers import give_officer, set_phase
from .test_oit_roles_day import _accepted
from .test_oit_workflow import move, save

pytestmark = pytest.mark.django_db


def _item_url(item, name="oit:item"):
    return reverse(name, kwargs={"code": "muangkao", "pk": item.assessment_id, "item_pk": item.pk})


def _page(client, url, status=200, **params):
    response = client.get(url, params)
    assert response.status_code == status, (url, response.status_code)
    return response.content.decode()


# --- home and top bar ------------------------------------------------------------------


def test_home_shows_the_officer_items_by_due_date_and_those_returned(people, assessment):
    assessment.items.update(due_date=timezone.localdate() + dt.timedelta(days=30))
    o2 = assessment.items.get(item__code="o2")
    give_officer(people, o2)
    save(people, o2)
    move(people, o2, "submit", "officer")
    move(people, o2, "return", "admin", comment="ขาดผังโครงสร้าง")
    o7 = assessment.items.get(item__code="o7")
    give_officer(people, o7)
    AssessmentItem.objects.filter(pk=o7.pk).update(due_date=timezone.localdate() + dt.timedelta(days=3))
    page = _page(people.client("officer"), reverse("backoffice:home"))
    returned = page.index("ส่งคืนมาให้ฉัน") if "ส่งคืนมาให้ฉัน" in page else page.index("Returned to me")
    assert returned < page.index(">o2<") and page.index(">o7<") > returned
    mine = page[page.index('id="work"'):]
    assert mine.index(">o7<") < mine.rindex(">o2<")  # due sooner first in "my items"
    assert 'class="work-counts"' in page


def test_home_shows_the_admin_items_to_accept_and_overdue(people, assessment):
    assessment.items.update(due_date=timezone.localdate() + dt.timedelta(days=30))
    o1 = assessment.items.get(item__code="o1")
    give_officer(people, o1)
    save(people, o1)
    move(people, o1, "submit", "officer")
    AssessmentItem.objects.filter(item__code="o9", assessment=assessment).update(
        due_date=timezone.localdate() - dt.timedelta(days=1))
    page = _page(people.client("admin"), reverse("backoffice:home"))
    assert ">o1<" in page and ">o9<" in page and "badge bad" in page


def test_home_shows_the_executive_items_to_approve_with_one_button(people, assessment):
    _accepted(people, assessment, ["o1", "o2"])
    page = _page(people.client("executive"), reverse("backoffice:home"))
    assert ">o1<" in page and ">o2<" in page
    assert reverse("oit:approve", kwargs={"code": "muangkao", "pk": assessment.pk}) in page


def test_home_shows_the_assessor_items_to_review_with_the_window_in_be(people, assessment):
    from assessments.approvals import approval_memo_sign, items_send

    rows = _accepted(people, assessment, ["o1"])
    approval_memo_sign(actor=people.executive, assessment=assessment, items=rows, to_th="นายก")
    items_send(actor=people.admin, assessment=assessment, items=rows)
    review = assessment.phases.get(code="oit-review")
    page = _page(people.client("assessor"), reverse("backoffice:home"))
    assert ">o1<" in page and str(review.end.year + 543) in page


def test_home_and_top_bar_take_constant_queries(people, assessment, django_assert_max_num_queries):
    _accepted(people, assessment, ["o1"])
    for who in ("officer", "admin", "executive", "assessor"):
        client = people.client(who)
        with django_assert_max_num_queries(16):
            response = client.get(reverse("backoffice:home"))
        assert response.status_code == 200
    _accepted(people, assessment, ["o2", "o3", "o4", "o5"])
    client = people.client("executive")
    with django_assert_max_num_queries(16):
        response = client.get(reverse("backoffice:home"))
    assert response.status_code == 200 and ">o5<" in response.content.decode()


def test_the_top_bar_counts_show_on_other_pages(people, assessment):
    _accepted(people, assessment, ["o1", "o2"])
    page = _page(people.client("executive"), reverse("oit:assessments", kwargs={"code": "muangkao"}))
    bar = page[page.index('class="work-counts"'):]
    assert "<b>2</b>" in bar[:600]


# --- bulk approval and send --------------------------------------------------------------


def _approve_url(assessment, name="oit:approve"):
    return reverse(name, kwargs={"code": "muangkao", "pk": assessment.pk})


def test_the_executive_approves_a_set_on_one_page_and_gets_the_memo(people, assessment):
    rows = _accepted(people, assessment, ["o1", "o2", "o3"])
    client = people.client("executive")
    page = _page(client, _approve_url(assessment))
    assert page.count('name="items"') == 3 and "https://muangkao.go.th/structure" in page
    response = client.post(_approve_url(assessment), {
        "items": [rows[0].pk, rows[2].pk], "number": "ชม 77/2566", "date": "2023-02-01",
        "to_th": "นายกองค์การบริหารส่วนตำบลเมืองเก่า", "subject_th": "ขออนุมัติ", "body_th": "ตามที่",
    })
    memo = ApprovalMemo.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/approvals/{memo.pk}/")
    assert sorted(memo.items.values_list("item__code", flat=True)) == ["o1", "o3"]
    assert AssessmentItem.objects.get(pk=rows[1].pk).state == ItemState.ACCEPTED
    page = _page(client, response["Location"])
    assert "approval-memo" in page and ".pdf" in page and ".docx" in page


def test_a_refused_bulk_approval_names_the_item_and_keeps_the_input(people, assessment):
    rows = _accepted(people, assessment, ["o1", "o2"])
    AssessmentItem.objects.filter(pk=rows[1].pk).update(state=ItemState.RETURNED)  # changed meanwhile
    response = people.client("executive").post(_approve_url(assessment), {
        "items": [rows[0].pk], "date": "2023-02-01", "to_th": "นายก", "subject_th": "เรื่องของฉัน", "body_th": "x",
    })
    assert response.status_code == 302  # o1 alone still goes
    rows2 = _accepted(people, assessment, ["o3"])
    AssessmentItem.objects.filter(pk=rows2[0].pk).update(state=ItemState.SUBMITTED)
    response = people.client("executive").post(_approve_url(assessment), {
        "items": [rows2[0].pk], "date": "2023-02-01", "to_th": "นายก", "subject_th": "เรื่องของฉัน", "body_th": "x",
    })
    assert response.status_code == 400 and "เรื่องของฉัน" in response.content.decode()


def test_the_approval_memo_prints_as_docx_with_its_items_and_links(people, assessment):
    from docx import Document

    rows = _accepted(people, assessment, ["o1", "o2"])
    from assessments.approvals import approval_memo_sign

    memo = approval_memo_sign(actor=people.executive, assessment=assessment, items=rows, to_th="นายก", number="77/2566")
    url = reverse("plans:document", kwargs={"code": "muangkao", "kind": "approval-memo", "pk": memo.pk, "fmt": "docx"})
    response = people.client("executive").get(url)
    assert response.status_code == 200
    doc = Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in doc.paragraphs) + "\n".join(
        cell.text for table in doc.tables for row in table.rows for cell in row.cells)
    assert "บันทึกข้อความ" in text and "o1" in text and "o2" in text and "https://muangkao.go.th/structure" in text
    assert "๗๗/๒๕๖๖" in text
    # Another agency cannot print it.
    other = reverse("plans:document", kwargs={"code": "ban-suan", "kind": "approval-memo", "pk": memo.pk, "fmt": "docx"})
    assert people.client("outsider").get(other).status_code == 404


def test_the_admin_sends_a_set_in_one_step(people, assessment):
    from assessments.approvals import approval_memo_sign

    rows = _accepted(people, assessment, ["o1", "o2"])
    approval_memo_sign(actor=people.executive, assessment=assessment, items=rows, to_th="นายก")
    client = people.client("admin")
    page = _page(client, _approve_url(assessment, "oit:send"))
    assert page.count('name="items"') == 2
    response = client.post(_approve_url(assessment, "oit:send"), {"items": [r.pk for r in rows]})
    assert response.status_code == 302
    assert set(AssessmentItem.objects.filter(pk__in=[r.pk for r in rows]).values_list("state", flat=True)) == {ItemState.SENT}


def test_bulk_pages_refuse_the_wrong_roles(people, assessment):
    assert people.client("admin").get(_approve_url(assessment)).status_code == 403
    assert people.client("executive").get(_approve_url(assessment, "oit:send")).status_code == 403
    assert people.client("officer").post(_approve_url(assessment), {"items": []}).status_code == 403
    assert people.client("outsider").get(_approve_url(assessment)).status_code == 404


def test_the_approval_page_takes_constant_queries(people, assessment, django_assert_max_num_queries):
    _accepted(people, assessment, ["o1"])
    client = people.client("executive")
    with django_assert_max_num_queries(22) as few:
        assert client.get(_approve_url(assessment)).status_code == 200
    _accepted(people, assessment, ["o2", "o3", "o4"])
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(_approve_url(assessment)).status_code == 200


# --- the item page -----------------------------------------------------------------------


def test_the_return_reason_comes_first_on_the_item_page(people, assessment, o1):
    save(people, o1)
    move(people, o1, "submit", "officer")
    move(people, o1, "return", "admin", comment="ขาดผังโครงสร้างของกองคลัง")
    page = _page(people.client("officer"), _item_url(o1))
    assert page.index("ขาดผังโครงสร้างของกองคลัง") < page.index('id="actions"') < page.index("elements")


def test_the_latest_verdict_comes_first_on_the_item_page(people, assessment, o1):
    from assessments.review import verdict_record

    save(people, o1)
    for action, who in (("submit", "officer"), ("accept", "admin"), ("approve", "executive"), ("send", "admin")):
        move(people, o1, action, who)
    set_phase(assessment, "oit-review")
    o1.refresh_from_db()
    verdict_record(actor=people.assessor, assessment_item=o1, verdict="fail", reason="ไม่พบวันที่",
                   missing=list(o1.item.elements.all()[:1]))
    set_phase(assessment, "clarification")
    page = _page(people.client("admin"), _item_url(o1))
    assert page.index('id="verdict"') < page.index("ไม่พบวันที่") < page.index('class="elements"')


def test_a_refused_evidence_save_shows_its_error_next_to_the_field(people, assessment, o1):
    o1.refresh_from_db()
    response = people.client("officer").post(_item_url(o1, "oit:item_evidence"), {
        "base_version": o1.version, "title": "ผัง", "url": "https://elsewhere.example.com/x",
    })
    page = response.content.decode()
    assert response.status_code == 400
    form = page[page.index('id="change-evidence"'):]
    url_field = form.index('name="url"')
    assert "elsewhere.example.com" in form[url_field:url_field + 1500] and "errorlist" in form[url_field:url_field + 1500]
    assert '#change-evidence"' in page  # the answer scrolls to the form


def _failed_check(item):
    revision = item.revisions.first()
    entry = revision.entries.first()
    EvidenceCheck.objects.create(entry=entry, outcome=EvidenceCheck.Outcome.FAILED, status=404, problems=["HTTP 404"])


def test_submitting_an_item_whose_links_failed_asks_for_confirmation(people, assessment, o1):
    save(people, o1)
    _failed_check(o1)
    client = people.client("officer")
    page = _page(client, _item_url(o1))
    assert 'name="confirm_failed_links"' in page and "<script" not in page[page.index('id="actions"'):]
    o1.refresh_from_db()
    response = client.post(_item_url(o1, "oit:item_transition"), {"action": "submit", "base_version": o1.version})
    assert response.status_code == 400 and 'id="confirm-error"' in response.content.decode()
    assert AssessmentItem.objects.get(pk=o1.pk).state == ItemState.IN_PROGRESS
    response = client.post(_item_url(o1, "oit:item_transition"),
                           {"action": "submit", "base_version": o1.version, "confirm_failed_links": "1"})
    assert response.status_code == 302
    assert AssessmentItem.objects.get(pk=o1.pk).state == ItemState.SUBMITTED


def test_an_item_with_good_links_submits_without_a_question(people, assessment, o1):
    save(people, o1)
    o1.refresh_from_db()
    page = _page(people.client("officer"), _item_url(o1))
    assert 'name="confirm_failed_links"' not in page
    response = people.client("officer").post(_item_url(o1, "oit:item_transition"), {"action": "submit", "base_version": o1.version})
    assert response.status_code == 302


# --- the assessor's window ------------------------------------------------------------------


def _sent(people, assessment, o1):
    save(people, o1)
    for action, who in (("submit", "officer"), ("accept", "admin"), ("approve", "executive"), ("send", "admin")):
        move(people, o1, action, who)


def test_the_assessor_gets_no_verdict_form_before_the_review_window(people, assessment, o1):
    _sent(people, assessment, o1)  # today is in the answer window, review opens later
    review = assessment.phases.get(code="oit-review")
    page = _page(people.client("assessor"), _item_url(o1))
    assert 'name="verdict"' not in page
    assert 'id="review-window"' in page and str(review.start.year + 543) in page
    set_phase(assessment, "oit-review")
    assert 'name="verdict"' in _page(people.client("assessor"), _item_url(o1))


def test_the_assessor_gets_no_verdict_form_after_the_review_window(people, assessment, o1):
    _sent(people, assessment, o1)
    set_phase(assessment, "confirmation")
    page = _page(people.client("assessor"), _item_url(o1))
    assert 'name="verdict"' not in page and 'id="review-window"' in page


# --- working group ---------------------------------------------------------------------------


def _order_post(people, **overrides):
    chair = make_person(people.agency, first_name="อุทัย", position_th="นายก")
    member = make_person(people.agency, first_name="นิภาพร", position_th="นักจัดการงานทั่วไป")
    data = {
        "fiscal_year": 2566, "order_number": "17/2566", "order_date": "2023-01-16", "subject_th": "แต่งตั้งคณะทำงาน",
        "preamble_th": "", "signed_by": chair.pk, "duties": "1 จัดทำแผน\n1.1 รวบรวมข้อมูล\nติดตามผล", "term_th": "",
        "seats-TOTAL_FORMS": 3, "seats-INITIAL_FORMS": 0, "seats-MIN_NUM_FORMS": 0, "seats-MAX_NUM_FORMS": 1000,
        "seats-0-person": chair.pk, "seats-0-group_role": "chair", "seats-0-position_text": "",
        "seats-1-person": member.pk, "seats-1-group_role": "secretary", "seats-1-position_text": "เลขานุการ",
    }
    data.update(overrides)
    return data


def test_a_new_agency_sees_a_button_to_appoint_its_working_group(people):
    url = reverse("backoffice:working_groups", kwargs={"code": "muangkao"})
    page = _page(people.client("admin"), url)
    assert reverse("backoffice:working_group_create", kwargs={"code": "muangkao"}) in page
    assert reverse("backoffice:working_group_create", kwargs={"code": "muangkao"}) not in _page(people.client("member"), url)


def test_the_admin_writes_the_order_and_prints_it(people):
    client = people.client("admin")
    url = reverse("backoffice:working_group_create", kwargs={"code": "muangkao"})
    assert "แต่งตั้งคณะทำงาน" in _page(client, url)
    response = client.post(url, _order_post(people))
    group = WorkingGroup.objects.get()
    assert response.status_code == 302
    assert [(s.person.first_name, s.group_role) for s in group.members.all()] == [("อุทัย", "chair"), ("นิภาพร", "secretary")]
    assert [(d.number, d.text_th) for d in group.duties.all()] == [("1", "จัดทำแผน"), ("1.1", "รวบรวมข้อมูล"), ("2", "ติดตามผล")]
    page = _page(client, reverse("backoffice:working_group", kwargs={"code": "muangkao", "group_id": group.pk}))
    assert "/documents/order/" in page and ".pdf" in page and ".docx" in page
    assert AuditEntry.objects.filter(action="agency.working_group.appointed").exists()


def test_the_admin_edits_the_order(people):
    client = people.client("admin")
    client.post(reverse("backoffice:working_group_create", kwargs={"code": "muangkao"}), _order_post(people))
    group = WorkingGroup.objects.get()
    url = reverse("backoffice:working_group_edit", kwargs={"code": "muangkao", "group_id": group.pk})
    page = _page(client, url)
    assert "17/2566" in page and "1.1 รวบรวมข้อมูล" in page
    seats = group.members.all()
    response = client.post(url, {
        **_order_post(people, order_number="18/2566", duties="1 ใหม่"),
        "seats-0-person": seats[0].person_id, "seats-0-group_role": "chair",
        "seats-1-person": seats[1].person_id, "seats-1-group_role": "member",
    })
    assert response.status_code == 302
    group.refresh_from_db()
    assert group.order_number == "18/2566" and group.members.get(person_id=seats[1].person_id).group_role == "member"
    assert list(group.duties.values_list("text_th", flat=True)) == ["ใหม่"]
    assert AuditEntry.objects.filter(action="agency.working_group.updated").exists()


def test_an_order_without_a_chair_is_refused_next_to_the_members(people):
    client = people.client("admin")
    response = client.post(reverse("backoffice:working_group_create", kwargs={"code": "muangkao"}),
                           _order_post(people, **{"seats-0-group_role": "member"}))
    page = response.content.decode()
    assert response.status_code == 400 and not WorkingGroup.objects.exists()
    members = page[page.index('id="seats"'):]
    assert "errorlist" in members[:800]


def test_only_managers_edit_the_order(people):
    url = reverse("backoffice:working_group_create", kwargs={"code": "muangkao"})
    assert people.client("member").get(url).status_code == 403
    assert people.client("outsider").get(url).status_code == 404


# --- audit trail -----------------------------------------------------------------------------


def test_the_audit_page_reads_in_sentences_with_be_timestamps(people, assessment, o1):
    save(people, o1)
    move(people, o1, "submit", "officer")
    page = _page(people.client("admin"), reverse("backoffice:audit", kwargs={"code": "muangkao"}))
    assert "oit.item" not in page and "None" not in page
    assert "o1" in page and str(timezone.localdate().year + 543) in page


def test_the_audit_page_filters_by_item_person_and_dates_and_pages(people, assessment, o1):
    for n in range(60):
        audit_log(actor=people.officer, action="oit.evidence.revised", agency=people.agency,
                  payload={"item": "o5", "revision": n})
    audit_log(actor=people.admin, action="oit.item.accepted", agency=people.agency, payload={"item": "o9"})
    url = reverse("backoffice:audit", kwargs={"code": "muangkao"})
    client = people.client("admin")

    def trail(**params) -> str:
        # Only the list of entries: a random CSRF token elsewhere on the page may hold "o9".
        return _page(client, url, **params).split('class="audit-trail"', 1)[1].split("</ol>", 1)[0]

    page = trail(item="o9")
    assert "o9" in page and "o5" not in page
    assert "page=2" in _page(client, url, person=people.officer.pk)
    page = trail(person=people.officer.pk)
    assert "o9" not in page
    page2 = trail(person=people.officer.pk, page=2)
    assert "o5" in page2
    tomorrow = (timezone.localdate() + dt.timedelta(days=1)).isoformat()
    assert "o9" not in trail(start=tomorrow)
    assert "o9" in trail(end=tomorrow)
    assert _page(client, url, 400, start=tomorrow, end="2020-01-01")


def test_the_audit_trail_exports_csv_with_the_same_filters(people, assessment):
    audit_log(actor=people.admin, action="oit.item.accepted", agency=people.agency, payload={"item": "o9"})
    audit_log(actor=people.admin, action="oit.item.accepted", agency=people.agency, payload={"item": "o3"})
    response = people.client("admin").get(reverse("backoffice:audit_csv", kwargs={"code": "muangkao"}), {"item": "o9"})
    body = response.content.decode("utf-8-sig")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert "o9" in body and "o3" not in body and "oit.item" not in body and len(body.strip().splitlines()) == 2


def test_the_audit_page_takes_constant_queries(people, assessment, django_assert_max_num_queries):
    for n in range(5):
        audit_log(actor=people.officer, action="oit.item.submitted", agency=people.agency, payload={"item": f"o{n}"})
    client = people.client("admin")
    with django_assert_max_num_queries(20) as few:
        assert client.get(reverse("backoffice:audit", kwargs={"code": "muangkao"})).status_code == 200
    for n in range(40):
        audit_log(actor=people.executive, action="oit.item.approved", agency=people.agency, payload={"item": f"o{n}"})
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(reverse("backoffice:audit", kwargs={"code": "muangkao"})).status_code == 200


def test_the_agency_overview_offers_the_order_to_a_new_agency(people):
    url = reverse("backoffice:agency", kwargs={"code": "muangkao"})
    create = reverse("backoffice:working_group_create", kwargs={"code": "muangkao"})
    assert create in _page(people.client("admin"), url)
    assert create not in _page(people.client("officer"), url)


def test_the_top_bar_costs_the_same_queries_however_much_work_waits(people, assessment, django_assert_max_num_queries):
    url = reverse("oit:assessments", kwargs={"code": "muangkao"})
    client = people.client("executive")
    _accepted(people, assessment, ["o1"])
    with django_assert_max_num_queries(30) as one:
        response = client.get(url)
    assert response.status_code == 200 and "<b>1</b>" in response.content.decode()
    _accepted(people, assessment, ["o2", "o3", "o4", "o5", "o6"])
    with django_assert_max_num_queries(len(one.captured_queries)):
        response = client.get(url)
    assert response.status_code == 200 and "<b>6</b>" in response.content.decode()


def test_the_assessment_page_leads_each_role_to_its_bulk_step(people, assessment):
    url = reverse("oit:assessment", kwargs={"code": "muangkao", "pk": assessment.pk})
    approve, send = _approve_url(assessment), _approve_url(assessment, "oit:send")
    page = _page(people.client("executive"), url)
    assert approve in page and send not in page
    page = _page(people.client("admin"), url)
    assert send in page and approve not in page
    page = _page(people.client("officer"), url)
    assert send not in page and approve not in page


def test_the_documents_page_lists_approval_memos(people, assessment):
    from assessments.approvals import approval_memo_sign

    rows = _accepted(people, assessment, ["o1"])
    memo = approval_memo_sign(actor=people.executive, assessment=assessment, items=rows, to_th="นายก")
    page = _page(people.client("admin"), reverse("plans:documents", kwargs={"code": "muangkao"}))
    assert f"/documents/approval-memo/{memo.pk}.pdf" in page
