"""Agencies, their divisions and people, who may do what, and their ITA working group."""

import base64
import uuid

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lib.translated import TranslatedMixin

CODE_VALIDATOR = RegexValidator(
    r"^[a-z0-9][a-z0-9-]{1,39}$",
    _("Use 2-40 lower-case letters, digits or hyphens."),
)
DOMAIN_VALIDATOR = RegexValidator(
    r"^(?=.{4,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$",
    _("Enter a domain name such as muangkao.go.th, without http:// or a path."),
)


def emblem_path(agency: "Agency", filename: str) -> str:
    # A fresh random name each upload: no cache serves an old emblem, no path is guessable.
    return f"agencies/emblems/{uuid.uuid4().hex}.{filename.rsplit('.', 1)[-1]}"


class Agency(TranslatedMixin, models.Model):
    class Kind(models.TextChoices):
        SAO = "sao", _("Subdistrict Administrative Organisation (SAO)")
        MUNICIPALITY = "municipality", _("Municipality")
        PAO = "pao", _("Provincial Administrative Organisation (PAO)")
        DEPARTMENT = "department", _("Government department")
        UNIVERSITY = "university", _("University")
        SCHOOL = "school", _("School")
        HOSPITAL = "hospital", _("Hospital")
        OTHER = "other", _("Other")

    code = models.CharField(_("public code"), max_length=40, unique=True, validators=[CODE_VALIDATOR])
    name_th = models.CharField(_("name (Thai)"), max_length=300)
    name_en = models.CharField(_("name (English)"), max_length=300, blank=True)
    short_name_th = models.CharField(_("short name (Thai)"), max_length=100, blank=True)
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    province = models.CharField(_("province"), max_length=100)
    district = models.CharField(_("district"), max_length=100, blank=True)
    address = models.TextField(_("address"), blank=True)
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # The Garuda or the agency's own emblem, printed on its orders and memos (checked by content:
    # PNG, JPEG or a plain-drawing SVG; lib.uploads.emblem_check).
    emblem = models.FileField(_("emblem"), upload_to=emblem_path, blank=True, max_length=200)
    emblem_type = models.CharField(_("emblem image type"), max_length=40, blank=True)

    class Meta:
        ordering = ["name_th"]
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")

    def __str__(self) -> str:
        return self.name_th

    @property
    def name(self) -> str:
        return self.tr("name")

    @property
    def emblem_data_url(self) -> str:
        """The emblem as a data: URL ("" without one): documents (PDF, HTML, DOCX) and the agency
        page show it without serving the file from our origin or touching the network."""
        if not self.emblem or not self.emblem_type:
            return ""
        try:
            with self.emblem.open("rb") as handle:
                data = handle.read()
        except OSError:  # the file went missing: show nothing rather than fail
            return ""
        return f"data:{self.emblem_type};base64,{base64.b64encode(data).decode('ascii')}"


class AgencyDomain(models.Model):
    """A website domain of the agency; OIT evidence must lie on one of them."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="domains")
    domain = models.CharField(_("domain"), max_length=253, unique=True, validators=[DOMAIN_VALIDATOR])
    is_primary = models.BooleanField(_("main website"), default=False)

    class Meta:
        ordering = ["-is_primary", "domain"]

    def __str__(self) -> str:
        return self.domain


class Division(TranslatedMixin, models.Model):
    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="divisions")
    name_th = models.CharField(_("name (Thai)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "name_th"]
        constraints = [models.UniqueConstraint(fields=["agency", "name_th"], name="division_unique_name")]

    def __str__(self) -> str:
        return self.name_th

    @property
    def name(self) -> str:
        return self.tr("name")


class Person(TranslatedMixin, models.Model):
    """Someone working at the agency, with or without an account."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="people")
    division = models.ForeignKey(
        Division, null=True, blank=True, on_delete=models.SET_NULL, related_name="people"
    )
    title = models.CharField(_("name prefix"), max_length=30, blank=True, help_text=_("e.g. นาย, นาง, นางสาว"))
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    position_th = models.CharField(_("position"), max_length=300)
    position_en = models.CharField(_("position (English)"), max_length=300, blank=True)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="people"
    )
    is_active = models.BooleanField(_("still working here"), default=True)

    class Meta:
        ordering = ["agency", "first_name", "last_name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "user"], condition=models.Q(user__isnull=False), name="person_one_per_user"
            )
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.title}{self.first_name} {self.last_name}".strip()

    @property
    def position(self) -> str:
        return self.tr("position")


class Role(models.TextChoices):
    ADMIN = "admin", _("ITA admin")
    EXECUTIVE = "executive", _("Executive (approves)")
    OFFICER = "officer", _("Responsible officer")
    MEMBER = "member", _("Working-group member")
    ASSESSOR = "assessor", _("Assessor")


class Membership(models.Model):
    """A role an account holds in one agency. One account may hold several."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="memberships"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["agency", "role"]
        constraints = [
            models.UniqueConstraint(fields=["user", "agency", "role"], name="membership_unique_role")
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} – {self.agency}"


class Invitation(models.Model):
    """An emailed invitation to take a role. Only a hash of its token is stored."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("email"))
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    person = models.ForeignKey(Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    token_hash = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.email} → {self.agency} ({self.role})"

    @property
    def is_pending(self) -> bool:
        return self.accepted_at is None and self.revoked_at is None and self.expires_at > timezone.now()


class WorkingGroup(models.Model):
    """The order (คำสั่ง) appointing the agency's ITA working group for one fiscal year."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="working_groups")
    fiscal_year = models.PositiveIntegerField(_("fiscal year (BE)"))
    order_number = models.CharField(_("order number"), max_length=50, help_text=_("e.g. 17/2566"))
    order_date = models.DateField(_("order date"))
    subject_th = models.TextField(_("subject"))
    preamble_th = models.TextField(_("preamble"), blank=True)
    signed_by = models.ForeignKey(
        Person, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("signed by")
    )
    term_th = models.TextField(_("term"), blank=True)

    class Meta:
        ordering = ["-fiscal_year", "-order_date"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "order_number"], name="workinggroup_unique_order")
        ]

    def __str__(self) -> str:
        return f"{self.agency} {self.order_number}"


class WorkingGroupMember(models.Model):
    class GroupRole(models.TextChoices):
        CHAIR = "chair", _("Chair")
        VICE_CHAIR = "vice_chair", _("Vice-chair")
        MEMBER = "member", _("Member")
        SECRETARY = "secretary", _("Secretary / system admin")

    working_group = models.ForeignKey(WorkingGroup, on_delete=models.CASCADE, related_name="members")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="working_group_seats")
    group_role = models.CharField(_("role in the group"), max_length=20, choices=GroupRole.choices)
    position_text = models.CharField(
        _("position as written in the order"), max_length=300, blank=True
    )
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["working_group", "person"], name="workinggroupmember_unique")
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_group_role_display()})"


class WorkingGroupDuty(models.Model):
    working_group = models.ForeignKey(WorkingGroup, on_delete=models.CASCADE, related_name="duties")
    number = models.CharField(_("number"), max_length=10, help_text=_("e.g. 3 or 3.1"))
    text_th = models.TextField(_("duty"))
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position"]

    def __str__(self) -> str:
        return f"{self.number} {self.text_th[:40]}"

    @property
    def depth(self) -> int:
        return self.number.count(".")
