"""Filing, routing, reading and handling reports (complaints/services.py)."""

import datetime as dt

import pytest

from audit.models import AuditEntry
from complaints import crypto, receipts, services
from complaints.models import Attachment, Envelope, Report
from complaints.statistics import suppress
from lib.errors import ConflictError, DomainError, NotFoundError

from .complaints_helpers import MARKER, PASSPHRASE, TODAY, jpeg_with_gps, report_input, upload  # noqa: F401

pytestmark = pytest.mark.django_db


def test_a_report_goes_to_every_recipient_it_does_not_concern(channel):
    receipt = services.report_file(agency=channel.agency, data=report_input(concerns_chief_executive=True), today=TODAY)
    holders = set(Envelope.objects.filter(report=receipt.report).values_list("recipient_id", flat=True))
    assert holders == {channel.auditor.pk}
    assert receipt.escalated is False


def test_the_named_person_never_gets_an_envelope_and_gets_404(channel, people):
    receipt = services.report_file(agency=channel.agency, data=report_input(concerns=[channel.auditor.pk]), today=TODAY)
    with pytest.raises(NotFoundError):
        services.envelope_for(user=people.officer, report_id=receipt.report.pk)
    assert services.envelope_for(user=people.executive, report_id=receipt.report.pk).recipient == channel.chief


def test_a_report_naming_every_recipient_goes_to_the_body_above(channel, people):
    from agencies.models import Role
    from agencies.services import membership_grant

    above = people.other_agency
    membership_grant(actor=None, user=people.nobody, agency=above, role=Role.ADMIN)
    upper = services.recipient_designate(actor=people.outsider, agency=above, user=people.nobody, position="ป.ป.ช. จังหวัด")
    services.recipient_set_passphrase(recipient=upper, passphrase=PASSPHRASE)
    services.channel_configure(actor=people.admin, agency=channel.agency, open=True, escalation_agency=above,
                               chief_executive_label="นายก", retention_days=None)
    receipt = services.report_file(
        agency=channel.agency, data=report_input(concerns=[channel.auditor.pk], concerns_chief_executive=True), today=TODAY
    )
    assert receipt.escalated and receipt.report.handled_by == above
    assert list(Envelope.objects.filter(report=receipt.report).values_list("recipient_id", flat=True)) == [upper.pk]


def test_with_nobody_left_to_receive_it_the_reporter_is_told_where_to_go_and_nothing_is_stored(channel):
    with pytest.raises(DomainError) as refused:
        services.report_file(agency=channel.agency,
                             data=report_input(concerns=[channel.auditor.pk], concerns_chief_executive=True), today=TODAY)
    assert refused.value.code == "no_recipient" and "1205" in str(refused.value)
    assert Report.objects.count() == 0


def test_the_reporter_and_the_recipients_read_the_same_conversation(channel, people):
    receipt = services.report_file(agency=channel.agency, data=report_input(), today=TODAY)
    envelope = services.envelope_for(user=people.officer, report_id=receipt.report.pk)
    services.recipient_reply(actor=people.officer, envelope=envelope, passphrase=PASSPHRASE,
                             text="ได้รับเรื่องแล้ว ขอทราบวันที่เกิดเหตุ", files=[], today=TODAY)
    report, key = services.report_unlock_by_receipt(code=receipt.code.lower(), secret=receipt.secret.replace("-", " "))
    services.reporter_message_send(report=report, key=key, text="เกิดเหตุวันที่ 3", files=[], today=TODAY)
    opened = services.report_open(report=report, key=services.report_key(envelope=envelope, passphrase=PASSPHRASE))
    assert [text for _m, text in opened.messages] == ["ได้รับเรื่องแล้ว ขอทราบวันที่เกิดเหตุ", "เกิดเหตุวันที่ 3"]
    assert MARKER in opened.body["what"]


@pytest.mark.parametrize("mangle", ["code", "secret", "both", "format"])
def test_a_forged_receipt_gets_one_message_whatever_was_wrong(channel, mangle):
    receipt = services.report_file(agency=channel.agency, data=report_input(), today=TODAY)
    code, secret = receipt.code, receipt.secret
    if mangle in ("code", "both"):
        code = receipts.new_code()
    if mangle in ("secret", "both"):
        secret = receipts.new_secret()
    if mangle == "format":
        code = "12345"
    with pytest.raises(DomainError) as refused:
        services.report_unlock_by_receipt(code=code, secret=secret)
    assert refused.value.code == "bad_receipt"


def test_a_wrong_passphrase_opens_nothing(channel, people):
    receipt = services.report_file(agency=channel.agency, data=report_input(), today=TODAY)
    envelope = services.envelope_for(user=people.officer, report_id=receipt.report.pk)
    with pytest.raises(DomainError) as refused:
        services.report_key(envelope=envelope, passphrase="not the passphrase")
    assert refused.value.field == "passphrase"


def test_a_new_passphrase_keeps_the_same_key(channel, people):
    receipt = services.report_file(agency=channel.agency, data=report_input(), today=TODAY)
    services.recipient_set_passphrase(recipient=channel.auditor, passphrase="a brand new passphrase", old_passphrase=PASSPHRASE)
    envelope = services.envelope_for(user=people.officer, report_id=receipt.report.pk)
    assert services.report_key(envelope=envelope, passphrase="a brand new passphrase")
    with pytest.raises(DomainError):
        services.recipient_set_passphrase(recipient=channel.auditor, passphrase="another new one!!", old_passphrase="wrong")


def test_photo_location_and_author_are_removed_before_storage(channel, people):
    from PIL import Image
    import io

    receipt = services.report_file(
        agency=channel.agency, data=report_input(files=[upload("photo.jpg", jpeg_with_gps())]), today=TODAY
    )
    envelope = services.envelope_for(user=people.officer, report_id=receipt.report.pk)
    key = services.report_key(envelope=envelope, passphrase=PASSPHRASE)
    stored = Attachment.objects.get(report=receipt.report)
    meta, data = services.attachment_read(report=receipt.report, key=key, attachment_id=stored.pk)
    assert meta.name == "photo.jpg" and meta.content_type == "image/jpeg"
    with Image.open(io.BytesIO(data)) as image:
        exif = image.getexif()
        assert 0x8825 not in exif and 0x013B not in exif and 0x010E not in exif
        assert image.size == (40, 30)
    assert b"Somchai" not in data and b"secret description" not in data


def test_document_authors_are_removed_from_word_files(channel, people):
    import io

    import docx

    document = docx.Document()
    document.add_paragraph("หลักฐาน")
    document.core_properties.author = "Somchai Author"
    document.core_properties.last_modified_by = "Somchai Editor"
    buffer = io.BytesIO()
    document.save(buffer)
    receipt = services.report_file(agency=channel.agency, data=report_input(files=[upload("e.docx", buffer.getvalue())]), today=TODAY)
    key = services.report_key(envelope=services.envelope_for(user=people.officer, report_id=receipt.report.pk), passphrase=PASSPHRASE)
    _meta, data = services.attachment_read(report=receipt.report, key=key, attachment_id=receipt.report.attachments.get().pk)
    opened = docx.Document(io.BytesIO(data))
    assert opened.core_properties.author == "" and opened.core_properties.last_modified_by == ""
    assert opened.paragraphs[0].text == "หลักฐาน"


@pytest.mark.parametrize("name,data,code", [
    ("page.pdf", b"<html><script>alert(1)</script></html>", "mismatch"),
    ("run.exe", b"MZ\x90\x00" + b"\0" * 100, "executable"),
    ("sheet.xlsx", b"PK\x03\x04", "corrupt"),
])
def test_disguised_attachments_are_refused_and_nothing_is_stored(channel, name, data, code):
    with pytest.raises(DomainError):
        services.report_file(agency=channel.agency, data=report_input(files=[upload(name, data)]), today=TODAY)
    assert Report.objects.count() == 0


def test_an_oversized_attachment_is_refused(channel, settings):
    big = b"%PDF-1.4\n" + b"0" * (services.MAX_FILE_BYTES + 1)
    with pytest.raises(DomainError) as refused:
        services.report_file(agency=channel.agency, data=report_input(files=[upload("big.pdf", big)]), today=TODAY)
    assert refused.value.code == "too_large"


def test_handling_follows_the_guideline_and_is_audited_outside_the_agency_trail(channel, people):
    receipt = services.report_file(agency=channel.agency, data=report_input(), today=TODAY)
    envelope = services.envelope_for(user=people.officer, report_id=receipt.report.pk)
    with pytest.raises(DomainError) as refused:
        services.report_move(actor=people.officer, envelope=envelope, to_state="concluded", base_version=1, today=TODAY)
    assert refused.value.code == "out_of_order"
    with pytest.raises(DomainError):
        services.report_move(actor=people.officer, envelope=envelope, to_state="referred", base_version=1, today=TODAY,
                             referred_to="nacc", reference="")
    report = services.report_move(actor=people.officer, envelope=envelope, to_state="referred", base_version=1,
                                  today=TODAY, referred_to="nacc", reference="ปช 0001/123")
    assert report.state == "referred" and report.due_on == TODAY + dt.timedelta(days=15)
    with pytest.raises(ConflictError):
        services.report_move(actor=people.officer, envelope=envelope, to_state="closed", base_version=1, today=TODAY)
    entries = AuditEntry.objects.filter(object_type="complaints.report")
    assert entries.count() == 1 and entries.get().agency_id is None
    assert not AuditEntry.objects.filter(agency=channel.agency, object_type="complaints.report").exists()


def test_filing_writes_no_audit_entry(channel):
    before = AuditEntry.objects.count()
    services.report_file(agency=channel.agency, data=report_input(), today=TODAY)
    assert AuditEntry.objects.count() == before


def test_closed_reports_are_deleted_after_retention_with_their_files_and_audited(channel, people):
    receipt = services.report_file(agency=channel.agency, data=report_input(files=[upload("n.txt", "บันทึก".encode())]),
                                   today=TODAY)
    path = receipt.report.attachments.get().blob.path
    envelope = services.envelope_for(user=people.officer, report_id=receipt.report.pk)
    services.report_move(actor=people.officer, envelope=envelope, to_state="closed", base_version=1, today=TODAY)
    assert services.reports_purge(today=TODAY + dt.timedelta(days=1824)) == 0
    assert services.reports_purge(today=TODAY + dt.timedelta(days=1825)) == 1
    assert not Report.objects.exists()
    import os

    assert not os.path.exists(path)
    assert AuditEntry.objects.filter(action="complaints.report.deleted").count() == 1


def test_a_closed_channel_takes_no_report(channel, people):
    services.channel_configure(actor=people.admin, agency=channel.agency, open=False, escalation_agency=None,
                               chief_executive_label="นายก", retention_days=None)
    with pytest.raises(DomainError):
        services.report_file(agency=channel.agency, data=report_input(), today=TODAY)


def test_small_counts_are_hidden_with_a_complementary_cell():
    assert suppress({"a": 0, "b": 5, "c": 7}) == {"a": 0, "b": 5, "c": 7}
    assert suppress({"a": 1, "b": 5, "c": 7}) == {"a": None, "b": None, "c": 7}
    assert suppress({"a": 1, "b": 2, "c": 7}) == {"a": None, "b": None, "c": 7}


def test_receipts_have_the_stated_entropy_and_normalise_misreadings():
    assert receipts.entropy_bits(receipts.CODE_SYMBOLS) == 80
    assert receipts.entropy_bits(receipts.SECRET_SYMBOLS) == 100
    code = receipts.new_code()
    assert receipts.normalise(code.lower().replace("-", " "), receipts.CODE_SYMBOLS) == code
    assert receipts.normalise("OOOO-IIII-LLLL-0000", 16) == "0000-1111-1111-0000"
    assert receipts.normalise("short", 16) is None
    assert len({receipts.new_code() for _ in range(1000)}) == 1000


def test_crypto_round_trip_and_tamper_detection():
    key = crypto.new_key()
    box = crypto.encrypt(key, "น้ำ".encode())
    assert crypto.decrypt(key, box).decode() == "น้ำ"
    with pytest.raises(crypto.WrongKey):
        crypto.decrypt(key, box[:-1] + bytes([box[-1] ^ 1]))


def test_recipients_are_reminded_once_per_step_without_the_content(channel, people, mailoutbox):
    receipt = services.report_file(agency=channel.agency, data=report_input(concerns_chief_executive=True), today=TODAY)
    assert services.reports_remind(today=TODAY) == 0
    assert services.reports_remind(today=TODAY + dt.timedelta(days=12)) == 1
    assert services.reports_remind(today=TODAY + dt.timedelta(days=13)) == 0
    message = mailoutbox[0]
    assert message.to == [people.officer.email]
    assert MARKER not in message.body and "นายสมมติ" not in message.body
    assert str(receipt.report.pk) in message.body and "2569" in message.body


def test_the_demo_channel_routes_the_report_about_the_chief_executive_to_the_palat_only(db):
    from agencies.demo import demo_load
    from complaints.demo import DEMO_PASSPHRASE, complaints_demo_load

    demo_load()
    receipt = complaints_demo_load()
    assert Report.objects.filter(agency__code="muangkao").count() == 3
    holders = [e.recipient.user.email for e in receipt.report.envelopes.select_related("recipient__user")]
    assert holders == ["wattana@muangkao.example"]
    report, key = services.report_unlock_by_receipt(code=receipt.code, secret=receipt.secret)
    assert services.report_open(report=report, key=key).body["what"].startswith("ผู้บริหาร")
    envelope = receipt.report.envelopes.get()
    assert services.report_key(envelope=envelope, passphrase=DEMO_PASSPHRASE) == key
    assert complaints_demo_load() is None
