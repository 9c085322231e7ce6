"""The back office's home: my agencies and, for assessors and operators, their OIT progress."""

from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.shortcuts import render

from agencies.access import visible_agencies
from agencies.models import Membership, Role
from assessments.models import Assessment, ItemState


@login_required
def home(request):
    """My agencies; for assessors and operators, the OIT progress of each, filterable by province."""
    agencies = visible_agencies(request.user)
    provinces = sorted(set(agencies.values_list("province", flat=True)))
    province = request.GET.get("province", "")
    if province:
        agencies = agencies.filter(province=province)
    role_map: dict[int, list[str]] = {}
    survey_progress = request.user.is_operator
    for membership in Membership.objects.filter(user=request.user):
        role_map.setdefault(membership.agency_id, []).append(membership.get_role_display())
        survey_progress = survey_progress or membership.role == Role.ASSESSOR
    progress = {
        row["agency_id"]: row
        for row in Assessment.objects.filter(agency__in=agencies)
        .order_by("agency_id", "-framework__fiscal_year")
        .values("agency_id", "pk", "framework__code")
        .annotate(
            sent=Count("items", filter=Q(items__state=ItemState.SENT)),
            reviewed=Count("items", filter=~Q(items__preliminary_verdict="")),
            confirmed=Count("items", filter=~Q(items__final_verdict="")),
            total=Count("items"),
        )
    }
    rows = [(agency, role_map.get(agency.pk, []), progress.get(agency.pk)) for agency in agencies.order_by("province", "name_th")]
    return render(request, "backoffice/home.html", {"rows": rows, "provinces": provinces, "province": province,
                                                    "survey_progress": survey_progress})
