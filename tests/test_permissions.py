"""The one permission table and the one door into agency pages."""

import pytest
from django.http import Http404
from django.test import RequestFactory

from agencies.models import Role
from agencies.permissions import ALL_PERMISSIONS, ROLE_PERMISSIONS, Perm, agency_view, has_perm, require_perm
from lib.errors import PermissionRefused

pytestmark = pytest.mark.django_db


def test_every_role_has_a_row_and_every_granted_permission_exists():
    assert set(ROLE_PERMISSIONS) == set(Role.values)
    for granted in ROLE_PERMISSIONS.values():
        assert granted <= ALL_PERMISSIONS


def test_assessors_never_see_drafts_or_people():
    assessor = ROLE_PERMISSIONS[Role.ASSESSOR]
    assert Perm.OIT_DRAFTS not in assessor and Perm.PEOPLE_VIEW not in assessor
    assert Perm.OIT_REVIEW in assessor


def test_only_the_executive_approves():
    holders = {role for role, granted in ROLE_PERMISSIONS.items() if Perm.OIT_APPROVE in granted}
    assert holders == {Role.EXECUTIVE}


def test_outsiders_get_404_and_members_without_the_permission_403(people):
    agency = people.agency
    with pytest.raises(Http404):
        require_perm(people.outsider, agency, Perm.AGENCY_VIEW)
    with pytest.raises(PermissionRefused) as refused:
        require_perm(people.officer, agency, Perm.PEOPLE_MANAGE)
    assert refused.value.status == 403
    require_perm(people.admin, agency, Perm.PEOPLE_MANAGE)
    assert has_perm(people.operator, agency, Perm.PEOPLE_MANAGE)


def _page(request, agency):
    from django.http import HttpResponse

    return HttpResponse(agency.code)


def test_the_door_sends_anonymous_visitors_to_login_and_passes_the_agency(people):
    from django.contrib.auth.models import AnonymousUser

    view = agency_view(Perm.PEOPLE_MANAGE)(_page)
    request = RequestFactory().get("/app/x/")
    request.user = AnonymousUser()
    response = view(request, code=people.agency.code)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    request.user = people.admin
    assert view(request, code=people.agency.code).content.decode() == people.agency.code
    assert request.agency == people.agency
    request.user = people.outsider
    with pytest.raises(Http404):
        view(request, code=people.agency.code)
    with pytest.raises(Http404):
        view(request, code="no-such-agency")
