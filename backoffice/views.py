"""The back office: agency staff and assessors at work. Views parse, call one service, render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from agencies import services
from agencies.access import MANAGE_ROLES, STAFF_ROLES, agency_for, can_manage, is_staff_member, roles_in, visible_agencies
from agencies.models import Invitation, Membership, Person, Role, WorkingGroup
from assessments.models import Assessment, ItemState
from audit.models import AuditEntry
from lib.errors import DomainError

from .forms import AgencyForm, DivisionForm, InvitationForm, PersonForm


def _agency_context(request, agency, **extra) -> dict:
    """What every agency page needs: the agency and which tabs this user may open."""
    roles = roles_in(request.user, agency)
    return {
        "agency": agency,
        "can_manage": can_manage(request.user, agency),
        "can_audit": request.user.is_operator or bool(roles & {Role.ADMIN, Role.EXECUTIVE}),
        "is_staff_member": is_staff_member(request.user, agency),
        **extra,
    }


def _form_error(request, form, error: DomainError) -> None:
    if form is not None and error.field in getattr(form, "fields", {}):
        form.add_error(error.field, error.shown())
    else:
        messages.error(request, error.shown())


@login_required
def home(request):
    """My agencies; for assessors and operators, the OIT progress of each, filterable by province."""
    agencies = visible_agencies(request.user)
    provinces = sorted(set(agencies.values_list("province", flat=True)))
    province = request.GET.get("province", "")
    if province:
        agencies = agencies.filter(province=province)
    role_map: dict[int, list[str]] = {}
    survey_progress = request.user.is_operator
    for membership in Membership.objects.filter(user=request.user):
        role_map.setdefault(membership.agency_id, []).append(membership.get_role_display())
        survey_progress = survey_progress or membership.role == Role.ASSESSOR
    progress = {
        row["agency_id"]: row
        for row in Assessment.objects.filter(agency__in=agencies)
        .order_by("agency_id", "-framework__fiscal_year")
        .values("agency_id", "pk", "framework__code")
        .annotate(
            sent=Count("items", filter=Q(items__state=ItemState.SENT)),
            reviewed=Count("items", filter=~Q(items__preliminary_verdict="")),
            confirmed=Count("items", filter=~Q(items__final_verdict="")),
            total=Count("items"),
        )
    }
    rows = [(agency, role_map.get(agency.pk, []), progress.get(agency.pk)) for agency in agencies.order_by("province", "name_th")]
    return render(request, "backoffice/home.html", {"rows": rows, "provinces": provinces, "province": province,
                                                    "survey_progress": survey_progress})


@login_required
def agency_create(request):
    if not request.user.is_operator:
        raise PermissionDenied
    form = AgencyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            agency = services.agency_create(
                actor=request.user,
                code=data["code"],
                name_th=data["name_th"],
                name_en=data["name_en"],
                kind=data["kind"],
                province=data["province"],
                district=data["district"],
                domains=[data["domain"]] if data["domain"] else [],
            )
        except DomainError as error:
            _form_error(request, form, error)
        else:
            messages.success(request, _("Agency created."))
            return redirect("backoffice:agency", code=agency.code)
    return render(request, "backoffice/agency_form.html", {"form": form})


@login_required
def agency_detail(request, code: str):
    agency = agency_for(request.user, code)
    divisions = agency.divisions.annotate(n_people=Count("people"))
    group = (
        agency.working_groups.select_related("signed_by")
        .prefetch_related(Prefetch("members", queryset=_members_qs()))
        .first()
    )
    context = _agency_context(
        request,
        agency,
        domains=agency.domains.all(),
        divisions=divisions,
        n_people=agency.people.filter(is_active=True).count(),
        group=group,
        my_roles=sorted(Role(r).label for r in roles_in(request.user, agency)),
        division_form=DivisionForm(),
    )
    return render(request, "backoffice/agency_detail.html", context)


@login_required
@require_POST
def division_create(request, code: str):
    agency = agency_for(request.user, code, MANAGE_ROLES)
    form = DivisionForm(request.POST)
    if form.is_valid():
        try:
            services.division_create(actor=request.user, agency=agency, **form.cleaned_data)
            messages.success(request, _("Division added."))
        except DomainError as error:
            messages.error(request, error.shown())
    else:
        messages.error(request, _("Please give the division a name."))
    return redirect("backoffice:agency", code=agency.code)


@login_required
def people(request, code: str):
    # Staff lists hold contact details: the agency's own people only, not assessors.
    agency = agency_for(request.user, code, STAFF_ROLES)
    manage = can_manage(request.user, agency)
    form = PersonForm(request.POST or None, agency=agency)
    if request.method == "POST":
        if not manage:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.person_create(actor=request.user, agency=agency, **form.cleaned_data)
            except DomainError as error:
                _form_error(request, form, error)
            else:
                messages.success(request, _("Person added."))
                return redirect("backoffice:people", code=agency.code)
    persons = agency.people.select_related("division", "user").prefetch_related("memberships")
    return render(
        request,
        "backoffice/people.html",
        _agency_context(request, agency, persons=persons, form=form),
    )


@login_required
def person_edit(request, code: str, person_id: int):
    agency = agency_for(request.user, code, MANAGE_ROLES)
    person = get_object_or_404(Person, pk=person_id, agency=agency)
    initial = {
        field: getattr(person, field)
        for field in ("title", "first_name", "last_name", "position_th", "position_en", "email", "phone", "is_active")
    }
    initial["division"] = person.division
    form = PersonForm(request.POST or None, agency=agency, initial=initial, editing=True)
    if request.method == "POST" and form.is_valid():
        try:
            services.person_update(actor=request.user, person=person, **form.cleaned_data)
        except DomainError as error:
            _form_error(request, form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("backoffice:people", code=agency.code)
    return render(request, "backoffice/person_form.html", _agency_context(request, agency, person=person, form=form))


@login_required
def members(request, code: str):
    agency = agency_for(request.user, code, MANAGE_ROLES)
    form = InvitationForm(request.POST or None, agency=agency, allow_assessor=request.user.is_operator)
    issued_path = None
    if request.method == "POST" and form.is_valid():
        try:
            issued = services.invitation_create(actor=request.user, agency=agency, **form.cleaned_data)
        except DomainError as error:
            _form_error(request, form, error)
        else:
            messages.success(request, _("Invitation sent to %(email)s.") % {"email": issued.invitation.email})
            issued_path = request.build_absolute_uri(issued.path)
            form = InvitationForm(agency=agency, allow_assessor=request.user.is_operator)
    memberships = agency.memberships.select_related("user", "person").order_by("role", "user__email")
    invitations = agency.invitations.filter(accepted_at__isnull=True, revoked_at__isnull=True).select_related("person")
    return render(
        request,
        "backoffice/members.html",
        _agency_context(
            request, agency, memberships=memberships, invitations=invitations, form=form, issued_path=issued_path
        ),
    )


@login_required
@require_POST
def membership_revoke(request, code: str, membership_id: int):
    agency = agency_for(request.user, code, MANAGE_ROLES)
    membership = get_object_or_404(Membership, pk=membership_id, agency=agency)
    try:
        services.membership_revoke(actor=request.user, membership=membership)
        messages.success(request, _("Role removed."))
    except DomainError as error:
        messages.error(request, error.shown())
    return redirect("backoffice:members", code=agency.code)


@login_required
@require_POST
def invitation_revoke(request, code: str, invitation_id: int):
    agency = agency_for(request.user, code, MANAGE_ROLES)
    invitation = get_object_or_404(Invitation, pk=invitation_id, agency=agency)
    try:
        services.invitation_revoke(actor=request.user, invitation=invitation)
        messages.success(request, _("Invitation withdrawn."))
    except DomainError as error:
        messages.error(request, error.shown())
    return redirect("backoffice:members", code=agency.code)


def _members_qs():
    from agencies.models import WorkingGroupMember

    return WorkingGroupMember.objects.select_related("person", "person__division")


@login_required
def working_groups(request, code: str):
    agency = agency_for(request.user, code)
    groups = agency.working_groups.select_related("signed_by").prefetch_related(
        Prefetch("members", queryset=_members_qs()), "duties"
    )
    return render(request, "backoffice/working_groups.html", _agency_context(request, agency, groups=groups))


@login_required
def working_group_detail(request, code: str, group_id: int):
    agency = agency_for(request.user, code)
    group = get_object_or_404(
        WorkingGroup.objects.select_related("signed_by").prefetch_related(
            Prefetch("members", queryset=_members_qs()), "duties"
        ),
        pk=group_id,
        agency=agency,
    )
    return render(request, "backoffice/working_group_detail.html", _agency_context(request, agency, group=group))


@login_required
def audit_log(request, code: str):
    agency = agency_for(request.user, code, {Role.ADMIN, Role.EXECUTIVE})
    entries = AuditEntry.objects.filter(agency=agency).select_related("actor")[:200]
    return render(request, "backoffice/audit.html", _agency_context(request, agency, entries=entries))

