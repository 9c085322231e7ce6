"""The approval memo printed through the Chromium pipeline: pdftotext gives back its Thai
heading, the items and their links; page 1 goes to a PNG for a person to look at."""

import pytest

from assessments.approvals import approval_memo_sign
from documents.official import document_html
from documents.pdf import render_pdf

from .test_documents_pdf import needs_tools, page_one_png, pdf_text, squash
from .test_oit_roles_day import _accepted

pytestmark = [pytest.mark.django_db, needs_tools]


def test_the_approval_memo_prints_with_its_items_and_links(people, assessment, tmp_path):
    rows = _accepted(people, assessment, ["o1", "o2", "o3"])
    signer = people.executive.people.get(agency=people.agency)
    signer.title, signer.first_name, signer.last_name = "นาย", "อุทัย", "พวงลังกา"
    signer.save()
    memo = approval_memo_sign(actor=people.executive, assessment=assessment, items=rows, number="ชม 88/2566",
                              to_th="นายกองค์การบริหารส่วนตำบลเมืองเก่า", signer=signer)
    html, _name = document_html("approval-memo", people.agency, memo.pk)
    data = render_pdf(html)
    text = squash(pdf_text(data, tmp_path))
    for expected in ("บันทึกข้อความ", "ชม๘๘/๒๕๖๖", "เรียนนายกองค์การบริหารส่วนตำบลเมืองเก่า", "o1", "o2", "o3",
                     "https://muangkao.go.th/structure", "(นายอุทัยพวงลังกา)", "อนุมัติ"):
        assert expected in text, expected
    assert page_one_png(data, "approval-memo").exists()
