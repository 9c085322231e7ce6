import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from agencies.models import Invitation, Membership, Role, WorkingGroupMember
from agencies.services import (
    Seat,
    invitation_accept,
    invitation_create,
    invitation_revoke,
    membership_grant,
    membership_revoke,
    person_update,
    working_group_appoint,
)
from audit.models import AuditEntry
from lib.errors import DomainError

from .conftest import PASSWORD, make_agency, make_person, make_user


def test_it_rejects_a_duplicate_agency_code(people):
    with pytest.raises(DomainError) as exc:
        make_agency("muangkao")
    assert "muangkao" in exc.value.bilingual()
    assert exc.value.field == "code"


def test_it_rejects_a_malformed_agency_code_and_domain(db):
    with pytest.raises(DomainError):
        make_agency("Bad Code!")
    with pytest.raises(DomainError):
        make_agency("okcode", domains=["http://example.go.th/path"])


def test_a_domain_belongs_to_one_agency(people):
    with pytest.raises(DomainError):
        make_agency("copycat", domains=["muangkao.go.th"])


def test_it_refuses_a_role_for_a_person_of_another_agency(people):
    stranger = make_person(people.other_agency, first_name="คนอื่น")
    user = make_user("someone@example.org")
    with pytest.raises(DomainError) as exc:
        membership_grant(actor=people.admin, user=user, agency=people.agency, role=Role.OFFICER, person=stranger)
    assert "คนอื่น" in str(exc.value)
    assert not Membership.objects.filter(user=user).exists()


def test_one_account_may_hold_several_roles_in_several_agencies(people):
    membership_grant(actor=None, user=people.officer, agency=people.other_agency, role=Role.MEMBER)
    membership_grant(actor=None, user=people.officer, agency=people.agency, role=Role.MEMBER)
    roles = set(people.officer.memberships.values_list("agency__code", "role"))
    assert roles == {("muangkao", "officer"), ("muangkao", "member"), ("ban-suan", "member")}


def test_an_agency_keeps_its_last_admin(people):
    with pytest.raises(DomainError):
        membership_revoke(actor=people.admin, membership=people.admin.memberships.get(role=Role.ADMIN))


def test_a_person_cannot_move_to_another_agencys_division(people):
    foreign_division = people.other_agency.divisions.create(name_th="กองอื่น")
    person = make_person(people.agency)
    with pytest.raises(DomainError):
        person_update(actor=people.admin, person=person, division=foreign_division)
    person.refresh_from_db()
    assert person.division is None


def test_an_invitation_is_emailed_and_accepted_once(people):
    issued = invitation_create(actor=people.admin, agency=people.agency, email="New.Person@Example.org", role=Role.OFFICER)
    assert len(mail.outbox) == 1 and issued.path in mail.outbox[0].body
    invitation = Invitation.objects.get()
    assert invitation.token_hash != issued.token  # only the hash is stored
    membership = invitation_accept(token=issued.token, full_name="คนใหม่ ใจดี", password=PASSWORD)
    assert membership.user.email == "new.person@example.org" and membership.role == Role.OFFICER
    with pytest.raises(DomainError) as exc:
        invitation_accept(token=issued.token, full_name="อีกครั้ง", password=PASSWORD)
    assert exc.value.code == "used"
    assert AuditEntry.objects.filter(action="agency.invitation.accepted").count() == 1


def test_an_expired_or_withdrawn_invitation_is_refused(people):
    expired = invitation_create(actor=people.admin, agency=people.agency, email="late@example.org", role=Role.MEMBER)
    Invitation.objects.filter(email="late@example.org").update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    with pytest.raises(DomainError) as exc:
        invitation_accept(token=expired.token, full_name="ช้า", password=PASSWORD)
    assert exc.value.code == "expired"

    withdrawn = invitation_create(actor=people.admin, agency=people.agency, email="gone@example.org", role=Role.MEMBER)
    invitation_revoke(actor=people.admin, invitation=withdrawn.invitation)
    with pytest.raises(DomainError) as exc:
        invitation_accept(token=withdrawn.token, full_name="ถอน", password=PASSWORD)
    assert exc.value.code == "revoked"


def test_a_forged_token_is_refused(people):
    with pytest.raises(DomainError) as exc:
        invitation_accept(token="not-a-real-token", full_name="ปลอม", password=PASSWORD)
    assert exc.value.code == "invalid"


def test_an_invitation_for_someone_else_cannot_be_taken_by_a_logged_in_user(people):
    issued = invitation_create(actor=people.admin, agency=people.agency, email="right@example.org", role=Role.MEMBER)
    with pytest.raises(DomainError) as exc:
        invitation_accept(token=issued.token, user=people.outsider)
    assert exc.value.code == "wrong_user"
    assert Invitation.objects.get().accepted_at is None


def test_a_weak_password_is_refused_and_nothing_is_created(people):
    issued = invitation_create(actor=people.admin, agency=people.agency, email="weak@example.org", role=Role.MEMBER)
    with pytest.raises(DomainError) as exc:
        invitation_accept(token=issued.token, full_name="อ่อน", password="12345678")
    assert exc.value.field == "password"
    assert not Membership.objects.filter(user__email="weak@example.org").exists()
    assert Invitation.objects.get().accepted_at is None


def test_an_invitation_cannot_link_a_person_of_another_agency(people):
    stranger = make_person(people.other_agency)
    with pytest.raises(DomainError):
        invitation_create(actor=people.admin, agency=people.agency, email="x@example.org", role=Role.MEMBER, person=stranger)


def _seats(people, n=3):
    persons = [make_person(people.agency, first_name=f"คน{i}") for i in range(n)]
    roles = [WorkingGroupMember.GroupRole.CHAIR] + [WorkingGroupMember.GroupRole.MEMBER] * (n - 1)
    return [Seat(person=p, group_role=r) for p, r in zip(persons, roles)]


def _appoint(people, seats, **kwargs):
    kwargs.setdefault("order_number", "1/2566")
    return working_group_appoint(
        actor=people.admin,
        agency=people.agency,
        fiscal_year=2566,
        order_date=dt.date(2023, 1, 16),
        subject_th="แต่งตั้งคณะทำงาน",
        signed_by=seats[0].person,
        seats=seats,
        duties=[("1", "หน้าที่หนึ่ง"), ("1.1", "ย่อย")],
        **kwargs,
    )


def test_a_working_group_keeps_its_members_in_order_with_duties(people):
    group = _appoint(people, _seats(people))
    assert [m.person.first_name for m in group.members.all()] == ["คน0", "คน1", "คน2"]
    assert [d.depth for d in group.duties.all()] == [0, 1]


def test_a_working_group_rejects_outsiders_duplicates_and_a_missing_chair(people):
    seats = _seats(people)
    stranger = make_person(people.other_agency)
    with pytest.raises(DomainError):
        _appoint(people, seats + [Seat(person=stranger, group_role="member")])
    with pytest.raises(DomainError):
        _appoint(people, seats + [seats[1]])
    with pytest.raises(DomainError):
        _appoint(people, [Seat(person=s.person, group_role="member") for s in seats])
    _appoint(people, seats)
    with pytest.raises(DomainError):
        _appoint(people, seats)  # same order number again


def test_refusals_carry_both_languages(people):
    with pytest.raises(DomainError) as exc:
        make_agency("muangkao")
    thai, english = exc.value.bilingual().split(" — ")
    assert "muangkao" in thai and "muangkao" in english
    assert "already used by another agency" in english and thai != english
