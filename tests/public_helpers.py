"""Building blocks for public-section tests: items approved with a file and a link, published."""

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile

from assessments.services import EntryInput, evidence_save, item_transition
from transparency.services import ProfileInput, profile_update, publication_create

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def pdf(name: str = "structure.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, "application/pdf")


def give_evidence(people, item, *entries: EntryInput, keep=()):
    item.refresh_from_db()
    return evidence_save(
        actor=people.admin, assessment_item=item, base_version=item.version,
        keep_entries=list(keep), new_entries=list(entries),
    )


def step(people, item, action: str, who: str = "admin"):
    item.refresh_from_db()
    return item_transition(actor=getattr(people, who), assessment_item=item, action=action, base_version=item.version,
                           comment="แก้ไข" if action == "return" else "")


def approve(people, item):
    step(people, item, "submit")
    step(people, item, "accept")
    if item.assessment.approval_required:
        step(people, item, "approve", "executive")


def approved_item(people, assessment, code: str = "o1", *, title: str = "โครงสร้างองค์กร", with_file: bool = True):
    item = assessment.items.get(item__code=code)
    entries = [EntryInput(title=f"{title} (เว็บไซต์)", url=f"https://{people.agency.code}.go.th/{code}", effective_date=dt.date(2022, 10, 3))]
    if with_file:
        entries.append(EntryInput(title=f"{title} (ไฟล์)", file=pdf(f"{code}.pdf"), effective_date=dt.date(2022, 10, 3)))
    give_evidence(people, item, *entries)
    approve(people, item)
    item.refresh_from_db()
    return item


def go_public(people, agency=None):
    return profile_update(actor=people.operator, agency=agency or people.agency, data=ProfileInput(is_public=True, phone="053 121 061"))


def published_item(people, assessment, code: str = "o1", **kwargs):
    item = approved_item(people, assessment, code, **kwargs)
    publication_create(actor=people.admin, assessment_item=item)
    return item
