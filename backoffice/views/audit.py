"""The agency's audit trail."""

from django.shortcuts import render

from agencies.permissions import Perm, agency_view
from audit.models import AuditEntry

from .common import agency_context


@agency_view(Perm.AUDIT_READ)
def audit_log(request, agency):
    entries = AuditEntry.objects.filter(agency=agency).select_related("actor")[:200]
    return render(request, "backoffice/audit.html", agency_context(request, agency, entries=entries))
