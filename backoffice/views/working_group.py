"""The agency's ITA working group(s): members, roles in the group, duties."""

from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render

from agencies.access import agency_for
from agencies.models import WorkingGroup

from .common import _agency_context, _members_qs


@login_required
def working_groups(request, code: str):
    agency = agency_for(request.user, code)
    groups = agency.working_groups.select_related("signed_by").prefetch_related(
        Prefetch("members", queryset=_members_qs()), "duties"
    )
    return render(request, "backoffice/working_groups.html", _agency_context(request, agency, groups=groups))


@login_required
def working_group_detail(request, code: str, group_id: int):
    agency = agency_for(request.user, code)
    group = get_object_or_404(
        WorkingGroup.objects.select_related("signed_by").prefetch_related(
            Prefetch("members", queryset=_members_qs()), "duties"
        ),
        pk=group_id,
        agency=agency,
    )
    return render(request, "backoffice/working_group_detail.html", _agency_context(request, agency, group=group))
