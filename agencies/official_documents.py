"""The agencies app's official documents (the working-group order), registered in AgenciesConfig.ready()."""

from __future__ import annotations

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _

from documents.registry import OfficialDocument

from .models import WorkingGroup, WorkingGroupMember

# How an order names each seat (order 17/2566).
GROUP_ROLE_TEXT = {
    WorkingGroupMember.GroupRole.CHAIR: "ประธานคณะทำงาน",
    WorkingGroupMember.GroupRole.VICE_CHAIR: "รองประธานคณะทำงาน",
    WorkingGroupMember.GroupRole.MEMBER: "คณะทำงาน",
    WorkingGroupMember.GroupRole.SECRETARY: "เลขานุการฯ /ผู้ดูแลระบบ",
}


def _order(agency, pk: int) -> dict:
    group = get_object_or_404(
        WorkingGroup.objects.select_related("signed_by").prefetch_related(
            Prefetch("members", queryset=WorkingGroupMember.objects.select_related("person")), "duties"
        ),
        pk=pk, agency=agency,
    )
    seats = [(seat, GROUP_ROLE_TEXT.get(seat.group_role, "")) for seat in group.members.all()]
    return {"group": group, "seats": seats, "filename": f"order-{group.order_number.replace('/', '-')}"}


OFFICIAL_DOCUMENTS = [
    OfficialDocument(
        "order", _("Working-group order (คำสั่ง)"), "documents/order.html", _order,
        records=lambda agency: WorkingGroup.objects.filter(agency=agency),
        describe=lambda group: (group.order_number, group.order_date), emblem="order", signed=True,
    ),
]
