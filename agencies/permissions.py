"""Who may do what in an agency: one table of named permissions, one door into agency pages.

Pages, the API, documents and services all ask `has_perm` / `require_perm`, so they cannot
disagree. Outside the agency the answer is 404 (nobody learns what exists); inside it, a role
without the permission gets 403 with a message. Operators of the installation hold every
permission in every agency. Rules about one object (may this officer edit this item's
evidence?) live beside the workflow tables that use them and build on these permissions.
"""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from lib.errors import PermissionRefused

from .access import roles_in
from .models import Agency, Role


class Perm(models.TextChoices):
    AGENCY_VIEW = "agency.view", _("See the agency's internal pages")
    AGENCY_EDIT = "agency.edit", _("Change the agency's details, divisions and domains")
    PEOPLE_VIEW = "people.view", _("See the agency's people")
    PEOPLE_MANAGE = "people.manage", _("Manage people, accounts and the working group")
    AUDIT_READ = "audit.read", _("Read the audit trail")
    OIT_VIEW = "oit.view", _("See OIT assessments")
    OIT_DRAFTS = "oit.drafts", _("See evidence before it is sent")
    OIT_MANAGE = "oit.manage", _("Open assessments, edit the matrix and the calendar, publish records")
    OIT_EVIDENCE = "oit.evidence", _("Give evidence for OIT items")
    OIT_SUBMIT = "oit.submit", _("Submit items to the ITA admin")
    OIT_ACCEPT = "oit.accept", _("Accept submitted items")
    OIT_RETURN = "oit.return", _("Return items with comments")
    OIT_APPROVE = "oit.approve", _("Approve items as the executive")
    OIT_SEND = "oit.send", _("Send items to the assessors")
    OIT_CLARIFY = "oit.clarify", _("File clarifications on preliminary verdicts")
    OIT_REVIEW = "oit.review", _("Give and confirm verdicts as an assessor")
    PLANS_VIEW = "plans.view", _("See plans, measures and meetings")
    PLANS_EDIT = "plans.edit", _("Record plans, measures, risks and meetings")
    DOCUMENTS_BUILD = "documents.build", _("Build official documents")
    SURVEYS_VIEW = "surveys.view", _("See survey campaigns and progress")
    SURVEYS_RUN = "surveys.run", _("Run survey campaigns and print codes")
    SURVEYS_VERIFY = "surveys.verify", _("Confirm official survey scores, approve extra codes, see warning signs")
    COMPLAINTS_CONFIGURE = "complaints.configure", _("Set up the corruption-report channel and its recipients")
    PUBLIC_MANAGE = "public.manage", _("Publish to the public section, keep its profile, moderate questions")
    QA_ANSWER = "qa.answer", _("Answer citizens' questions")


P = Perm
_EVERYONE = {P.AGENCY_VIEW, P.OIT_VIEW, P.PLANS_VIEW, P.SURVEYS_VIEW}
_STAFF = _EVERYONE | {P.PEOPLE_VIEW, P.OIT_DRAFTS, P.DOCUMENTS_BUILD}

# The one table. A new permission is added here and granted to the roles that need it.
ROLE_PERMISSIONS: dict[str, frozenset[str]] = {
    Role.ADMIN: frozenset(_STAFF | {
        P.AGENCY_EDIT, P.PEOPLE_MANAGE, P.AUDIT_READ, P.OIT_MANAGE, P.OIT_EVIDENCE, P.OIT_SUBMIT,
        P.OIT_ACCEPT, P.OIT_RETURN, P.OIT_SEND, P.OIT_CLARIFY, P.PLANS_EDIT, P.SURVEYS_RUN,
        P.COMPLAINTS_CONFIGURE,
        P.PUBLIC_MANAGE, P.QA_ANSWER,
    }),
    Role.EXECUTIVE: frozenset(_STAFF | {P.AUDIT_READ, P.OIT_RETURN, P.OIT_APPROVE}),
    Role.OFFICER: frozenset(_STAFF | {P.OIT_EVIDENCE, P.OIT_SUBMIT, P.PLANS_EDIT, P.QA_ANSWER}),
    Role.MEMBER: frozenset(_STAFF | {P.PLANS_EDIT}),
    Role.ASSESSOR: frozenset(_EVERYONE | {P.OIT_REVIEW, P.SURVEYS_RUN, P.SURVEYS_VERIFY}),
}

ALL_PERMISSIONS = frozenset(Perm.values)


def perms_in(user, agency: Agency) -> frozenset[str]:
    """Every permission USER holds in AGENCY (all of them for operators, none for strangers)."""
    if not getattr(user, "is_authenticated", False):
        return frozenset()
    if user.is_operator:
        return ALL_PERMISSIONS
    granted: set[str] = set()
    for role in roles_in(user, agency):
        granted |= ROLE_PERMISSIONS.get(role, frozenset())
    return frozenset(granted)


def has_perm(user, agency: Agency, perm: str) -> bool:
    return perm in perms_in(user, agency)


def is_member(user, agency: Agency) -> bool:
    return bool(perms_in(user, agency))


def require_perm(user, agency: Agency, perm: str) -> None:
    """404 for anyone outside AGENCY, 403 (with a message) for a member without PERM."""
    granted = perms_in(user, agency)
    if not granted:
        raise Http404
    if perm not in granted:
        raise PermissionRefused(_("Your role in this agency does not allow this."))


def ensure_perm(user, agency: Agency, perm: str, message=None) -> None:
    """For services: PermissionRefused (403, with MESSAGE) unless USER holds PERM in AGENCY.

    Pages and the API come in through `agency_view` / `require_perm` first, so a stranger never
    gets this far; a service still refuses on its own, whoever calls it.
    """
    if not has_perm(user, agency, perm):
        raise PermissionRefused(message or _("Your role in this agency does not allow this."))


def agency_for_perm(user, code: str, perm: str) -> Agency:
    agency = Agency.objects.filter(code=code).first()
    if agency is None:
        raise Http404
    require_perm(user, agency, perm)
    return agency


def agency_view(perm: str):
    """The one door into an agency page: `@agency_view(Perm.X)` on `view(request, agency, ...)`.

    The URL's `code` kwarg names the agency. Anonymous visitors go to the login page; the view
    runs with `agency` (also on `request.agency`) only when the user holds PERM there.
    """

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, code: str, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            agency = agency_for_perm(request.user, code, perm)
            request.agency = agency
            return view(request, agency, *args, **kwargs)

        wrapper.required_perm = perm
        return wrapper

    return decorator
