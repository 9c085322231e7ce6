"""Writes for agencies, people, roles, invitations and working groups."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from collections.abc import Sequence
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.validators import validate_email
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from audit.services import audit_log
from lib.errors import DomainError, lazy_format
from lib.uploads import emblem_check

from .models import (
    Agency,
    AgencyDomain,
    Division,
    Invitation,
    Membership,
    Person,
    Role,
    WorkingGroup,
    WorkingGroupDuty,
    WorkingGroupMember,
)

User = get_user_model()


def _validated(obj):
    """full_clean() OBJ; the first problem becomes a DomainError naming the field."""
    try:
        obj.full_clean()
    except ValidationError as exc:
        first_field, messages = next(iter(exc.message_dict.items()))
        if first_field == "__all__":
            raise DomainError(messages[0]) from None
        label = obj._meta.get_field(first_field).verbose_name
        raise DomainError(f"{label}: {messages[0]}", field=first_field) from None
    return obj


@transaction.atomic
def agency_create(
    *,
    actor,
    code: str,
    name_th: str,
    kind: str,
    province: str,
    name_en: str = "",
    short_name_th: str = "",
    district: str = "",
    domains: Sequence[str] = (),
) -> Agency:
    code = code.strip().lower()
    if Agency.objects.filter(code=code).exists():
        raise DomainError(lazy_format(_("The code %(code)s is already used by another agency."), {"code": code}), field="code")
    agency = _validated(
        Agency(
            code=code,
            name_th=name_th.strip(),
            name_en=name_en.strip(),
            short_name_th=short_name_th.strip(),
            kind=kind,
            province=province.strip(),
            district=district.strip(),
        )
    )
    agency.save()
    for index, domain in enumerate(domains):
        agency_domain_add(actor=actor, agency=agency, domain=domain, is_primary=index == 0)
    audit_log(actor=actor, action="agency.created", target=agency, agency=agency, payload={"code": code})
    return agency


@transaction.atomic
def agency_domain_add(*, actor, agency: Agency, domain: str, is_primary: bool = False) -> AgencyDomain:
    domain = domain.strip().lower().removeprefix("www.")
    if AgencyDomain.objects.filter(domain=domain).exists():
        raise DomainError(lazy_format(_("The domain %(domain)s is already registered."), {"domain": domain}), field="domain")
    row = _validated(AgencyDomain(agency=agency, domain=domain, is_primary=is_primary))
    row.save()
    audit_log(actor=actor, action="agency.domain.added", target=row, agency=agency, payload={"domain": domain})
    return row


@transaction.atomic
def agency_emblem_set(*, actor, agency: Agency, name: str, data: bytes) -> Agency:
    """Store the agency's emblem (Garuda) for its official documents, replacing any earlier one.

    The bytes decide what the file is (lib.uploads.emblem_check): PNG, JPEG or an SVG that is
    a plain drawing. A refused file raises UploadRejected and leaves the old emblem in place.
    """
    kind = emblem_check(name, data)
    old = agency.emblem.name if agency.emblem else ""
    agency.emblem.save(f"emblem.{kind.extensions[0].lstrip('.')}", ContentFile(data), save=False)
    agency.emblem_type = kind.content_type
    _validated(agency)
    agency.save(update_fields=["emblem", "emblem_type"])
    if old and old != agency.emblem.name:
        transaction.on_commit(lambda: agency.emblem.storage.delete(old))
    audit_log(actor=actor, action="agency.emblem.set", target=agency, agency=agency,
              payload={"type": kind.code, "bytes": len(data)})
    return agency


@transaction.atomic
def agency_emblem_remove(*, actor, agency: Agency) -> Agency:
    """Print the agency's documents without an emblem again."""
    if not agency.emblem:
        return agency
    old = agency.emblem.name
    agency.emblem, agency.emblem_type = "", ""
    agency.save(update_fields=["emblem", "emblem_type"])
    transaction.on_commit(lambda: agency.emblem.storage.delete(old))
    audit_log(actor=actor, action="agency.emblem.removed", target=agency, agency=agency, payload={})
    return agency


@transaction.atomic
def division_create(*, actor, agency: Agency, name_th: str, name_en: str = "") -> Division:
    name_th = name_th.strip()
    if agency.divisions.filter(name_th=name_th).exists():
        raise DomainError(_("This agency already has a division with that name."), field="name_th")
    position = agency.divisions.count()
    division = _validated(Division(agency=agency, name_th=name_th, name_en=name_en.strip(), position=position))
    division.save()
    audit_log(actor=actor, action="agency.division.created", target=division, agency=agency, payload={"name": name_th})
    return division


def _check_division(agency: Agency, division: Division | None) -> None:
    if division is not None and division.agency_id != agency.pk:
        raise DomainError(_("That division belongs to another agency."), field="division")


@transaction.atomic
def person_create(
    *,
    actor,
    agency: Agency,
    first_name: str,
    last_name: str,
    position_th: str,
    title: str = "",
    division: Division | None = None,
    position_en: str = "",
    email: str = "",
    phone: str = "",
) -> Person:
    _check_division(agency, division)
    person = _validated(
        Person(
            agency=agency,
            division=division,
            title=title.strip(),
            first_name=first_name.strip(),
            last_name=last_name.strip(),
            position_th=position_th.strip(),
            position_en=position_en.strip(),
            email=email.strip().lower(),
            phone=phone.strip(),
        )
    )
    person.save()
    audit_log(actor=actor, action="agency.person.created", target=person, agency=agency, payload={"name": person.full_name})
    return person


@transaction.atomic
def person_update(*, actor, person: Person, **fields) -> Person:
    allowed = {"title", "first_name", "last_name", "position_th", "position_en", "division", "email", "phone", "is_active"}
    unknown = set(fields) - allowed
    if unknown:
        raise DomainError(_("Unknown field."), field=sorted(unknown)[0])
    _check_division(person.agency, fields.get("division", person.division))
    changed = {}
    for name, value in fields.items():
        if isinstance(value, str):
            value = value.strip()
        if getattr(person, name) != value:
            changed[name] = str(value)
            setattr(person, name, value)
    _validated(person).save()
    audit_log(actor=actor, action="agency.person.updated", target=person, agency=person.agency, payload=changed)
    return person


@transaction.atomic
def membership_grant(*, actor, user, agency: Agency, role: str, person: Person | None = None) -> Membership:
    if role not in Role.values:
        raise DomainError(_("Unknown role."), field="role")
    if person is not None and person.agency_id != agency.pk:
        raise DomainError(
            lazy_format(_("%(person)s works for another agency and cannot take a role here."), {"person": person.full_name}),
            field="person",
        )
    if role == Role.ASSESSOR and person is not None:
        raise DomainError(_("Assessors are external: do not link them to a person of the agency."), field="person")
    if role != Role.ASSESSOR and person is not None and person.user_id not in (None, user.pk):
        raise DomainError(_("That person is already linked to another account."), field="person")
    membership, created = Membership.objects.get_or_create(
        user=user, agency=agency, role=role, defaults={"person": person}
    )
    if person is not None:
        if person.user_id is None:
            person.user = user
            person.save(update_fields=["user"])
        if membership.person_id is None:
            membership.person = person
            membership.save(update_fields=["person"])
    if created:
        audit_log(
            actor=actor,
            action="agency.role.granted",
            target=membership,
            agency=agency,
            payload={"user": user.email, "role": role},
        )
    return membership


@transaction.atomic
def membership_revoke(*, actor, membership: Membership) -> None:
    agency = membership.agency
    if membership.role == Role.ADMIN and agency.memberships.filter(role=Role.ADMIN).count() == 1:
        raise DomainError(_("An agency must keep at least one ITA admin."))
    audit_log(
        actor=actor,
        action="agency.role.revoked",
        target=membership,
        agency=agency,
        payload={"user": membership.user.email, "role": membership.role},
    )
    membership.delete()


# --- invitations --------------------------------------------------------------------------


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass(frozen=True)
class IssuedInvitation:
    invitation: Invitation
    token: str  # shown once, in the email link; only its hash is stored

    @property
    def path(self) -> str:
        return reverse("accounts:invitation", kwargs={"token": self.token})


@transaction.atomic
def invitation_create(
    *, actor, agency: Agency, email: str, role: str, person: Person | None = None, send: bool = True
) -> IssuedInvitation:
    email = User.objects.normalize_email(email.strip()).lower()
    try:
        validate_email(email)
    except ValidationError:
        raise DomainError(_("Enter a valid email address."), field="email") from None
    if role not in Role.values:
        raise DomainError(_("Unknown role."), field="role")
    if person is not None and person.agency_id != agency.pk:
        raise DomainError(
            lazy_format(_("%(person)s works for another agency and cannot take a role here."), {"person": person.full_name}),
            field="person",
        )
    if Membership.objects.filter(user__email=email, agency=agency, role=role).exists():
        raise DomainError(_("This account already holds that role here."), field="email")
    token = secrets.token_urlsafe(32)
    invitation = Invitation.objects.create(
        agency=agency,
        email=email,
        role=role,
        person=person,
        token_hash=_token_hash(token),
        invited_by=actor,
        expires_at=timezone.now() + dt.timedelta(days=settings.INVITATION_TTL_DAYS),
    )
    issued = IssuedInvitation(invitation, token)
    audit_log(actor=actor, action="agency.invitation.created", target=invitation, agency=agency, payload={"email": email, "role": role})
    if send:
        send_mail(
            subject=str(lazy_format(_("Invitation to Prongsai: %(agency)s"), {"agency": agency.name_th})),
            message=str(
                lazy_format(_("You are invited to join %(agency)s in Prongsai as %(role)s.\nOpen this link within %(days)s days:\n%(url)s"), {
                    "agency": agency.name_th,
                    "role": Role(role).label,
                    "days": settings.INVITATION_TTL_DAYS,
                    "url": settings.SITE_URL.rstrip("/") + issued.path,
                })
            ),
            from_email=None,
            recipient_list=[email],
        )
    return issued


def invitation_lookup(token: str) -> Invitation:
    """The invitation for TOKEN, or DomainError saying why it cannot be used."""
    invitation = Invitation.objects.select_related("agency").filter(token_hash=_token_hash(token)).first()
    if invitation is None:
        raise DomainError(_("This invitation link is not valid."), code="invalid")
    if invitation.accepted_at is not None:
        raise DomainError(_("This invitation has already been used. Log in instead."), code="used")
    if invitation.revoked_at is not None:
        raise DomainError(_("This invitation was withdrawn by the agency."), code="revoked")
    if invitation.expires_at <= timezone.now():
        raise DomainError(_("This invitation has expired. Ask your ITA admin for a new one."), code="expired")
    return invitation


@transaction.atomic
def invitation_accept(*, token: str, user=None, full_name: str = "", password: str = "") -> Membership:
    """Accept with an existing USER (logged in, same email) or create the account."""
    invitation = lookup = invitation_lookup(token)
    # Lock the row so two tabs accepting at once give one membership and one "used" error.
    invitation = Invitation.objects.select_for_update().get(pk=lookup.pk)
    if invitation.accepted_at is not None:
        raise DomainError(_("This invitation has already been used. Log in instead."), code="used")
    if user is not None and user.is_authenticated:
        if user.email != invitation.email:
            raise DomainError(
                lazy_format(_("This invitation is for %(email)s. Log out and open the link again."), {"email": invitation.email}),
                code="wrong_user",
            )
    else:
        if User.objects.filter(email=invitation.email).exists():
            raise DomainError(_("An account with this email exists. Log in first, then open the link again."), code="login")
        from django.contrib.auth.password_validation import validate_password

        candidate = User(email=invitation.email, full_name=full_name.strip())
        try:
            validate_password(password, candidate)
        except ValidationError as exc:
            raise DomainError(exc.messages[0], field="password") from None
        if not full_name.strip():
            raise DomainError(_("Please enter your full name."), field="full_name")
        try:
            user = User.objects.create_user(email=invitation.email, password=password, full_name=full_name.strip())
        except IntegrityError:
            raise DomainError(_("An account with this email exists. Log in first."), code="login") from None
    membership = membership_grant(
        actor=user, user=user, agency=invitation.agency, role=invitation.role, person=invitation.person
    )
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    audit_log(actor=user, action="agency.invitation.accepted", target=invitation, agency=invitation.agency, payload={"email": user.email})
    return membership


@transaction.atomic
def invitation_revoke(*, actor, invitation: Invitation) -> None:
    if invitation.accepted_at is not None:
        raise DomainError(_("This invitation has already been used."))
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at"])
    audit_log(actor=actor, action="agency.invitation.revoked", target=invitation, agency=invitation.agency, payload={"email": invitation.email})


# --- working group ------------------------------------------------------------------------


@dataclass(frozen=True)
class Seat:
    person: Person
    group_role: str
    position_text: str = ""


@transaction.atomic
def working_group_appoint(
    *,
    actor,
    agency: Agency,
    fiscal_year: int,
    order_number: str,
    order_date: dt.date,
    subject_th: str,
    signed_by: Person | None,
    seats: Sequence[Seat],
    duties: Sequence[tuple[str, str]],
    preamble_th: str = "",
    term_th: str = "",
) -> WorkingGroup:
    order_number = order_number.strip()
    if agency.working_groups.filter(order_number=order_number).exists():
        raise DomainError(lazy_format(_("Order %(number)s is already recorded."), {"number": order_number}), field="order_number")
    if signed_by is not None and signed_by.agency_id != agency.pk:
        raise DomainError(_("The signer must work for this agency."), field="signed_by")
    if not seats:
        raise DomainError(_("A working group needs members."), field="seats")
    people = [seat.person.pk for seat in seats]
    if len(set(people)) != len(people):
        raise DomainError(_("A person is listed twice."), field="seats")
    for seat in seats:
        if seat.person.agency_id != agency.pk:
            raise DomainError(
                lazy_format(_("%(person)s works for another agency and cannot sit in this working group."), {"person": seat.person.full_name}),
                field="seats",
            )
        if seat.group_role not in WorkingGroupMember.GroupRole.values:
            raise DomainError(_("Unknown working-group role."), field="seats")
    if sum(1 for seat in seats if seat.group_role == WorkingGroupMember.GroupRole.CHAIR) != 1:
        raise DomainError(_("A working group has exactly one chair."), field="seats")
    group = _validated(
        WorkingGroup(
            agency=agency,
            fiscal_year=fiscal_year,
            order_number=order_number,
            order_date=order_date,
            subject_th=subject_th.strip(),
            preamble_th=preamble_th.strip(),
            signed_by=signed_by,
            term_th=term_th.strip(),
        )
    )
    group.save()
    WorkingGroupMember.objects.bulk_create(
        WorkingGroupMember(
            working_group=group,
            person=seat.person,
            group_role=seat.group_role,
            position_text=seat.position_text or seat.person.position_th,
            position=index,
        )
        for index, seat in enumerate(seats)
    )
    WorkingGroupDuty.objects.bulk_create(
        WorkingGroupDuty(working_group=group, number=number, text_th=text.strip(), position=index)
        for index, (number, text) in enumerate(duties)
    )
    audit_log(
        actor=actor,
        action="agency.working_group.appointed",
        target=group,
        agency=agency,
        payload={"order": order_number, "members": len(seats), "duties": len(duties)},
    )
    return group
