"""The agency's people, their accounts (roles) and invitations."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from agencies import services
from agencies.permissions import Perm, agency_view, require_perm
from agencies.models import Invitation, Membership, Person
from backoffice.forms.agencies import InvitationForm, PersonForm
from lib.errors import DomainError

from .common import agency_context, form_error


# Staff lists hold contact details: the agency's own people only, not assessors.
@agency_view(Perm.PEOPLE_VIEW)
def people(request, agency):
    form = PersonForm(request.POST or None, agency=agency)
    if request.method == "POST":
        require_perm(request.user, agency, Perm.PEOPLE_MANAGE)
        if form.is_valid():
            try:
                services.person_create(actor=request.user, agency=agency, **form.cleaned_data)
            except DomainError as error:
                form_error(request, form, error)
            else:
                messages.success(request, _("Person added."))
                return redirect("backoffice:people", code=agency.code)
    persons = agency.people.select_related("division", "user").prefetch_related("memberships")
    return render(
        request,
        "backoffice/people.html",
        agency_context(request, agency, persons=persons, form=form),
    )


@agency_view(Perm.PEOPLE_MANAGE)
def person_edit(request, agency, person_id: int):
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
            form_error(request, form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("backoffice:people", code=agency.code)
    return render(request, "backoffice/person_form.html", agency_context(request, agency, person=person, form=form))


@agency_view(Perm.PEOPLE_MANAGE)
def members(request, agency):
    form = InvitationForm(request.POST or None, agency=agency, allow_assessor=request.user.is_operator)
    issued_path = None
    if request.method == "POST" and form.is_valid():
        try:
            issued = services.invitation_create(actor=request.user, agency=agency, **form.cleaned_data)
        except DomainError as error:
            form_error(request, form, error)
        else:
            messages.success(request, _("Invitation sent to %(email)s.") % {"email": issued.invitation.email})
            issued_path = request.build_absolute_uri(issued.path)
            form = InvitationForm(agency=agency, allow_assessor=request.user.is_operator)
    memberships = agency.memberships.select_related("user", "person").order_by("role", "user__email")
    invitations = agency.invitations.filter(accepted_at__isnull=True, revoked_at__isnull=True).select_related("person")
    return render(
        request,
        "backoffice/members.html",
        agency_context(
            request, agency, memberships=memberships, invitations=invitations, form=form, issued_path=issued_path
        ),
    )


@require_POST
@agency_view(Perm.PEOPLE_MANAGE)
def membership_revoke(request, agency, membership_id: int):
    membership = get_object_or_404(Membership, pk=membership_id, agency=agency)
    try:
        services.membership_revoke(actor=request.user, membership=membership)
        messages.success(request, _("Role removed."))
    except DomainError as error:
        messages.error(request, error.bilingual())
    return redirect("backoffice:members", code=agency.code)


@require_POST
@agency_view(Perm.PEOPLE_MANAGE)
def invitation_revoke(request, agency, invitation_id: int):
    invitation = get_object_or_404(Invitation, pk=invitation_id, agency=agency)
    try:
        services.invitation_revoke(actor=request.user, invitation=invitation)
        messages.success(request, _("Invitation withdrawn."))
    except DomainError as error:
        messages.error(request, error.bilingual())
    return redirect("backoffice:members", code=agency.code)
