"""The agency's people, their accounts (roles) and invitations."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from agencies import services
from agencies.access import MANAGE_ROLES, STAFF_ROLES, agency_for, can_manage
from agencies.models import Invitation, Membership, Person
from backoffice.forms.agencies import InvitationForm, PersonForm
from lib.errors import DomainError

from .common import _agency_context, _form_error


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
        messages.error(request, error.bilingual())
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
        messages.error(request, error.bilingual())
    return redirect("backoffice:members", code=agency.code)
