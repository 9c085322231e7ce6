"""What every agency page in the back office shares: its context and how a refusal is shown."""

from django.contrib import messages

from agencies.models import WorkingGroupMember
from agencies.permissions import Perm, perms_in
from lib.errors import DomainError


def agency_context(request, agency, **extra) -> dict:
    """What every agency page needs: the agency, the user's permissions there and which tabs
    they may open (the flags are read from the one permission table)."""
    perms = perms_in(request.user, agency)
    return {
        "agency": agency,
        "can_manage": Perm.PEOPLE_MANAGE in perms,
        "can_audit": Perm.AUDIT_READ in perms,
        "is_staff_member": Perm.PEOPLE_VIEW in perms,
        "agency_perms": perms,
        **extra,
    }


def form_error(request, form, error: DomainError) -> None:
    """Show ERROR beside its field when the form has that field, else at the top of the page."""
    if form is not None and error.field in getattr(form, "fields", {}):
        form.add_error(error.field, error.bilingual())
    else:
        messages.error(request, error.bilingual())


def members_qs():
    return WorkingGroupMember.objects.select_related("person", "person__division")
