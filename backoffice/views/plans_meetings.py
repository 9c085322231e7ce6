"""Meetings: invitations received and internal monitoring meetings."""

from __future__ import annotations

from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from agencies.permissions import Perm, agency_view, require_perm
from plans import services
from backoffice.forms.plans import MeetingForm, MinutesForm
from plans.models import Meeting
from .plans_common import attempt, page


@agency_view(Perm.PLANS_VIEW)
def meetings(request, agency):
    if request.method == "POST":
        require_perm(request.user, agency, Perm.PLANS_EDIT)
        form = MeetingForm(request.POST, agency=agency)
        done = attempt(request, form,
                       lambda d: services.meeting_record(actor=request.user, agency=agency,
                                                         **{**d, "attendees": list(d["attendees"])}),
                       _("Meeting recorded."), reverse("plans:meetings", args=[agency.code]))
        if done:
            return done
        status = 400
    else:
        form = MeetingForm(agency=agency)
        status = 200
    rows = Meeting.objects.filter(agency=agency).prefetch_related("attendees", "follow_ups__measure")
    return render(request, "plans/meetings.html", page(request, agency, "meetings", meetings=rows, form=form),
                  status=status)


def _meeting(agency, meeting_id):
    return get_object_or_404(
        Meeting.objects.prefetch_related("attendees", "follow_ups__measure"), pk=meeting_id, agency=agency
    )


@agency_view(Perm.PLANS_VIEW)
def meeting_detail(request, agency, meeting_id: int):
    return _meeting_page(request, agency, meeting_id)


def _meeting_page(request, agency, meeting_id: int, form=None, status=200):
    meeting = _meeting(agency, meeting_id)
    form = form or MinutesForm(agency=agency, initial={"minutes_th": meeting.minutes_th,
                                                       "attendees": list(meeting.attendees.all())})
    return render(request, "plans/meeting_detail.html",
                  page(request, agency, "meetings", meeting=meeting, form=form), status=status)


@require_POST
@agency_view(Perm.PLANS_EDIT)
def meeting_minutes(request, agency, meeting_id: int):
    meeting = _meeting(agency, meeting_id)
    form = MinutesForm(request.POST, agency=agency)
    done = attempt(request, form,
                   lambda d: services.meeting_minutes_record(actor=request.user, meeting=meeting,
                                                             minutes_th=d["minutes_th"],
                                                             attendees=list(d["attendees"])),
                   _("Minutes saved."), reverse("plans:meeting", args=[agency.code, meeting.pk]))
    return done or _meeting_page(request, agency, meeting_id, form=form, status=400)
