"""What every agency page in the back office shares: its context and how a refusal is shown."""

from django.contrib import messages

from agencies.access import can_manage, is_staff_member, roles_in
from agencies.models import Role
from agencies.permissions import perms_in
from lib.errors import DomainError


def _agency_context(request, agency, **extra) -> dict:
    """What every agency page needs: the agency and which tabs this user may open."""
    roles = roles_in(request.user, agency)
    return {
        "agency": agency,
        "can_manage": can_manage(request.user, agency),
        "can_audit": request.user.is_operator or bool(roles & {Role.ADMIN, Role.EXECUTIVE}),
        "is_staff_member": is_staff_member(request.user, agency),
        "agency_perms": perms_in(request.user, agency),
        **extra,
    }


def _form_error(request, form, error: DomainError) -> None:
    if form is not None and error.field in getattr(form, "fields", {}):
        form.add_error(error.field, error.bilingual())
    else:
        messages.error(request, error.bilingual())


def _members_qs():
    from agencies.models import WorkingGroupMember

    return WorkingGroupMember.objects.select_related("person", "person__division")
