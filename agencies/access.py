"""Who may see and change what. Every agency-scoped view goes through these helpers.

Objects of an agency the user has no role in answer 404, so a forgotten check fails closed.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import QuerySet
from django.http import Http404

from .models import Agency, Membership, Role

# Roles that may manage the agency's people, accounts and working group.
MANAGE_ROLES = {Role.ADMIN}
# Every role that sees the agency's internal pages.
VIEW_ROLES = {Role.ADMIN, Role.EXECUTIVE, Role.OFFICER, Role.MEMBER, Role.ASSESSOR}
# The agency's own staff: everyone but the external assessors.
STAFF_ROLES = VIEW_ROLES - {Role.ASSESSOR}


def roles_in(user, agency: Agency) -> set[str]:
    if not user.is_authenticated:
        return set()
    cache = getattr(user, "_prongsai_roles", None)
    if cache is None:
        cache = {}
        for agency_id, role in Membership.objects.filter(user=user).values_list("agency_id", "role"):
            cache.setdefault(agency_id, set()).add(role)
        user._prongsai_roles = cache
    return cache.get(agency.pk, set())


def visible_agencies(user) -> QuerySet[Agency]:
    if not user.is_authenticated:
        return Agency.objects.none()
    if user.is_operator:
        return Agency.objects.all()
    return Agency.objects.filter(memberships__user=user).distinct()


def agency_for(user, code: str, roles: Iterable[str] = VIEW_ROLES) -> Agency:
    """The agency with CODE if USER holds one of ROLES in it (operators see all); else 404."""
    agency = Agency.objects.filter(code=code).first()
    if agency is None:
        raise Http404
    if user.is_authenticated and user.is_operator:
        return agency
    if not roles_in(user, agency) & set(roles):
        raise Http404
    return agency


def can_manage(user, agency: Agency) -> bool:
    return bool(user.is_authenticated and (user.is_operator or roles_in(user, agency) & MANAGE_ROLES))


def is_staff_member(user, agency: Agency) -> bool:
    """The agency's own people (and operators): they see drafts, assessors do not."""
    return bool(user.is_authenticated and (user.is_operator or roles_in(user, agency) & STAFF_ROLES))


def is_assessor(user, agency: Agency) -> bool:
    return bool(user.is_authenticated and (user.is_operator or Role.ASSESSOR in roles_in(user, agency)))
