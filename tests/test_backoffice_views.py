"""Agency pages as their users use them."""

from django.core import mail
from django.urls import reverse

from agencies.models import Division, Invitation, Membership, Person, Role

from .conftest import PASSWORD, login_verified
from .surveys_helpers import in_english


def test_admin_adds_a_division_and_a_person(people):
    client = people.client("admin")
    client.post(reverse("backoffice:division_create", args=["muangkao"]), {"name_th": "กองคลัง", "name_en": "Finance"})
    division = Division.objects.get(agency=people.agency, name_th="กองคลัง")
    response = client.post(
        reverse("backoffice:people", args=["muangkao"]),
        {"title": "นางสาว", "first_name": "นันทิดา", "last_name": "ทันโต", "position_th": "นักวิชาการพัสดุปฏิบัติการ", "division": division.pk},
        follow=True,
    )
    assert "นางสาวนันทิดา ทันโต" in response.content.decode()
    assert Person.objects.get(first_name="นันทิดา").division == division


def test_a_duplicate_division_gets_a_clear_message(people):
    client = in_english(people.client("admin"))
    response = client.post(reverse("backoffice:division_create", args=["muangkao"]), {"name_th": "สำนักปลัด"}, follow=True)
    assert "already has a division" in response.content.decode() or "มีกองหรือส่วนงานชื่อนี้แล้ว" in response.content.decode()
    assert Division.objects.filter(agency=people.agency, name_th="สำนักปลัด").count() == 1


def test_the_person_form_offers_only_this_agencys_divisions(people):
    people.other_agency.divisions.create(name_th="กองของคนอื่น")
    page = people.client("admin").get(reverse("backoffice:people", args=["muangkao"])).content.decode()
    assert "สำนักปลัด" in page and "กองของคนอื่น" not in page
    foreign = Division.objects.get(name_th="กองของคนอื่น")
    response = people.client("admin").post(
        reverse("backoffice:people", args=["muangkao"]),
        {"first_name": "ก", "last_name": "ข", "position_th": "ค", "division": foreign.pk},
    )
    assert response.status_code == 200 and not Person.objects.filter(first_name="ก").exists()


def test_an_officer_cannot_add_people(people):
    response = people.client("officer").post(
        reverse("backoffice:people", args=["muangkao"]), {"first_name": "ก", "last_name": "ข", "position_th": "ค"}
    )
    assert response.status_code == 403
    assert not Person.objects.filter(first_name="ก").exists()


def test_invitation_round_trip_through_the_pages(people, client):
    admin = people.client("admin")
    admin.post(reverse("backoffice:members", args=["muangkao"]), {"email": "new@example.org", "role": Role.OFFICER})
    link = next(line for line in mail.outbox[0].body.splitlines() if "/accounts/invitation/" in line)
    path = link[link.index("/accounts/"):]
    page = client.get(path).content.decode()
    assert "new@example.org" in page
    response = client.post(path, {"full_name": "คนใหม่", "password": PASSWORD, "password_again": PASSWORD})
    assert response.status_code == 302 and response["Location"] == reverse("backoffice:agency", args=["muangkao"])
    assert Membership.objects.filter(user__email="new@example.org", role=Role.OFFICER).exists()
    # Replaying the link is refused with a message, and changes nothing.
    replay = client.get(path)
    assert replay.status_code == 410
    assert Membership.objects.filter(user__email="new@example.org").count() == 1


def test_mismatched_passwords_keep_what_was_typed(people, client):
    people.client("admin").post(reverse("backoffice:members", args=["muangkao"]), {"email": "typo@example.org", "role": Role.MEMBER})
    path = next(l for l in mail.outbox[0].body.splitlines() if "/accounts/invitation/" in l)
    path = path[path.index("/accounts/"):]
    page = client.post(path, {"full_name": "ชื่อที่พิมพ์ไว้", "password": PASSWORD, "password_again": "other-password-1"}).content.decode()
    assert "ชื่อที่พิมพ์ไว้" in page
    assert Invitation.objects.get(email="typo@example.org").accepted_at is None


def test_the_working_group_page_reads_like_the_order(db, client):
    from accounts.models import User
    from agencies.demo import demo_load
    from agencies.models import WorkingGroup

    demo_load()
    group = WorkingGroup.objects.get(agency__code="muangkao")
    login_verified(client, User.objects.get(email="uthai@muangkao.example"))
    page = client.get(reverse("backoffice:working_group", args=["muangkao", group.pk])).content.decode()
    assert "ที่ ๑๗/๒๕๖๖" in page
    assert "สั่ง ณ วันที่ ๑๖ มกราคม พ.ศ. ๒๕๖๖" in page
    assert "๓.๑ ก่อนการประเมิน" in page


def test_the_audit_trail_shows_workflow_steps(people):
    people.client("admin").post(reverse("backoffice:division_create", args=["muangkao"]), {"name_th": "กองช่าง"})
    page = people.client("executive").get(reverse("backoffice:audit", args=["muangkao"])).content.decode()
    assert "agency.division.created" not in page and "เพิ่มส่วนราชการ กองช่าง" in page
    assert "ban-suan" not in page


def test_admin_marks_a_person_as_having_left(people):
    person = people.officer.people.get(agency=people.agency)
    client = people.client("admin")
    url = reverse("backoffice:person_edit", args=["muangkao", person.pk])
    form = client.get(url).content.decode()
    assert 'name="is_active"' in form
    client.post(url, {"first_name": person.first_name, "last_name": person.last_name, "position_th": person.position_th})
    person.refresh_from_db()
    assert person.is_active is False
