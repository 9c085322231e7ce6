"""The agency's audit trail."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from agencies.access import agency_for
from agencies.models import Role
from audit.models import AuditEntry

from .common import _agency_context


@login_required
def audit_log(request, code: str):
    agency = agency_for(request.user, code, {Role.ADMIN, Role.EXECUTIVE})
    entries = AuditEntry.objects.filter(agency=agency).select_related("actor")[:200]
    return render(request, "backoffice/audit.html", _agency_context(request, agency, entries=entries))
