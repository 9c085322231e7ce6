"""What every plans page shares: the page context, form errors, the fiscal year."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.shortcuts import redirect

from agencies.permissions import Perm
from lib.errors import DomainError
from lib.thai import fiscal_year_be, today_bangkok

from . import common


def page(request, agency, section: str, **extra) -> dict:
    context = common.agency_context(request, agency, tab="plans", section=section, **extra)
    # Staff of the agency record the work; executives and assessors read it.
    context["can_edit"] = Perm.PLANS_EDIT in context["agency_perms"]
    return context


def form_error(request, form, error: DomainError) -> None:
    """Show ERROR beside its field when the form has it, else at the top and above the form;
    the input stays."""
    common.form_error(request, form, error)
    if form is not None and error.field not in getattr(form, "fields", {}):
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
    return fiscal_year_be(today or today_bangkok())
