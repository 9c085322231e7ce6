"""Which agencies a user belongs to, and with which roles. Every scoped query starts here.

What a role may do is the permission table's business (`agencies.permissions`); this module
only answers who holds which role where.
"""

from __future__ import annotations

from django.db.models import QuerySet

from .models import Agency, Membership


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
