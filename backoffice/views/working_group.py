"""The agency's ITA working group(s): members, roles in the group, duties."""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render

from agencies.permissions import Perm, agency_view
from agencies.models import WorkingGroup

from .common import agency_context, members_qs


@agency_view(Perm.AGENCY_VIEW)
def working_groups(request, agency):
    groups = agency.working_groups.select_related("signed_by").prefetch_related(
        Prefetch("members", queryset=members_qs()), "duties"
    )
    return render(request, "backoffice/working_groups.html", agency_context(request, agency, groups=groups))


@agency_view(Perm.AGENCY_VIEW)
def working_group_detail(request, agency, group_id: int):
    group = get_object_or_404(
        WorkingGroup.objects.select_related("signed_by").prefetch_related(
            Prefetch("members", queryset=members_qs()), "duties"
        ),
        pk=group_id,
        agency=agency,
    )
    return render(request, "backoffice/working_group_detail.html", agency_context(request, agency, group=group))
