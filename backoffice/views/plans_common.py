"""What every plans page shares: who may see and write, the page context, form errors."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.shortcuts import redirect

from agencies.access import VIEW_ROLES, agency_for, can_manage, roles_in
from agencies.models import Role
from lib.errors import DomainError
from lib.thai import fiscal_year_be

# Staff of the agency record the work; executives and assessors read it.
EDIT_ROLES = {Role.ADMIN, Role.OFFICER, Role.MEMBER}


def viewer(request, code: str):
    return agency_for(request.user, code, VIEW_ROLES)


def editor(request, code: str):
    return agency_for(request.user, code, EDIT_ROLES)


def can_edit(request, agency) -> bool:
    return bool(request.user.is_operator or roles_in(request.user, agency) & EDIT_ROLES)


def page(request, agency, section: str, **extra) -> dict:
    roles = roles_in(request.user, agency)
    return {
        "agency": agency,
        "tab": "plans",
        "section": section,
        "can_manage": can_manage(request.user, agency),
        "can_audit": request.user.is_operator or bool(roles & {Role.ADMIN, Role.EXECUTIVE}),
        "can_edit": can_edit(request, agency),
        **extra,
    }


def form_error(request, form, error: DomainError) -> None:
    """Show ERROR beside its field when the form has it, else at the top; the input stays."""
    if form is not None and error.field in getattr(form, "fields", {}):
        form.add_error(error.field, error.bilingual())
    else:
        messages.error(request, error.bilingual())
        if form is not None:
            form.add_error(None, error.bilingual())


def attempt(request, form, call, success: str, target):
    """Run CALL(cleaned_data) if FORM is valid; a redirect on success, None to re-render."""
    if not form.is_valid():
        return None
    try:
        call(form.cleaned_data)
    except DomainError as error:
        form_error(request, form, error)
        return None
    messages.success(request, success)
    return redirect(target)


def current_fiscal_year(today: dt.date | None = None) -> int:
    return fiscal_year_be(today or dt.date.today())
