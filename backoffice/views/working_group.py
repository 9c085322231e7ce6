"""The agency's ITA working group(s): members, roles in the group, duties; the order written in the product."""

from django.db.models import Prefetch
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from agencies.permissions import Perm, agency_view
from agencies.models import WorkingGroup
from lib.errors import DomainError

from .common import agency_context, form_error, members_qs


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


def _order_page(request, agency, *, group=None):
    from agencies import services as agency_services
    from backoffice.forms.working_group import (
        OrderForm,
        default_subject,
        duties_text,
        seat_formset,
        seats_from,
    )
    from lib import thai

    year = thai.fiscal_year_be(thai.today_bangkok())
    initial = {"fiscal_year": year, "subject_th": default_subject(year)}
    if group is not None:
        initial = {
            "fiscal_year": group.fiscal_year, "order_number": group.order_number, "order_date": group.order_date,
            "subject_th": group.subject_th, "preamble_th": group.preamble_th, "signed_by": group.signed_by,
            "duties": duties_text(group), "term_th": group.term_th,
        }
    form = OrderForm(request.POST or None, agency=agency, initial=initial)
    seats = seat_formset(request.POST or None, agency=agency, group=group)
    seat_error = None
    status = 200
    if request.method == "POST":
        if form.is_valid() and seats.is_valid():
            fields = {**form.cleaned_data, "seats": seats_from(seats)}
            try:
                if group is None:
                    saved = agency_services.working_group_appoint(actor=request.user, agency=agency, **fields)
                else:
                    saved = agency_services.working_group_update(actor=request.user, group=group, **fields)
            except DomainError as error:
                if error.field == "seats":
                    seat_error = error.bilingual()
                else:
                    form_error(request, form, error, inline=True)
                status = error.status
            else:
                messages.success(request, _("The order is saved. Print it to sign."))
                return redirect("backoffice:working_group", code=agency.code, group_id=saved.pk)
        else:
            status = 400
    return render(request, "backoffice/working_group_form.html", agency_context(
        request, agency, tab="group", group=group, form=form, seats=seats, seat_error=seat_error,
    ), status=status)


@agency_view(Perm.PEOPLE_MANAGE)
def working_group_create(request, agency):
    return _order_page(request, agency)


@agency_view(Perm.PEOPLE_MANAGE)
def working_group_edit(request, agency, group_id: int):
    group = get_object_or_404(
        WorkingGroup.objects.prefetch_related(Prefetch("members", queryset=members_qs()), "duties"),
        pk=group_id, agency=agency,
    )
    return _order_page(request, agency, group=group)
