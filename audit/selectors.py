"""Reading the audit trail: one agency's entries, filtered by item, person and dates."""

from __future__ import annotations

import csv
import datetime as dt
import io

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from lib import thai

from .models import AuditEntry
from .sentences import sentences


def audit_entries(
    agency,
    *,
    item: str = "",
    actor_id: int | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> QuerySet[AuditEntry]:
    """AGENCY's entries, newest first. ITEM is an item code as the payload records it; START
    and END are days in Bangkok (the project's time zone), both included."""
    entries = AuditEntry.objects.filter(agency=agency).select_related("actor")
    if item:
        entries = entries.filter(payload__item=item.strip())
    if actor_id:
        entries = entries.filter(actor_id=actor_id)
    if start:
        entries = entries.filter(created_at__date__gte=start)
    if end:
        entries = entries.filter(created_at__date__lte=end)
    return entries


def audit_people(agency) -> list[tuple[int, str]]:
    """Who appears in AGENCY's trail, for the person filter: (user id, name as the agency knows them)."""
    from accounts.models import User
    from agencies.models import Person

    ids = set(AuditEntry.objects.filter(agency=agency, actor__isnull=False).values_list("actor_id", flat=True))
    known = {p.user_id: p.full_name for p in Person.objects.filter(agency=agency, user_id__in=ids)}
    rows = [(u.pk, known.get(u.pk) or u.full_name or u.email) for u in User.objects.filter(pk__in=ids)]
    return sorted(rows, key=lambda row: row[1])


def when_text(moment: dt.datetime) -> str:
    """16 มกราคม 2566 14:05, in Bangkok time, Buddhist era."""
    local = timezone.localtime(moment)
    return f"{thai.thai_date(local.date())} {local:%H:%M}"


def audit_csv(entries) -> str:
    """The entries as CSV (UTF-8 with a BOM so spreadsheet programs read the Thai)."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out)
    writer.writerow([_("When"), _("Who"), _("What happened"), _("Item")])
    for entry, who, text in sentences(entries):
        writer.writerow([when_text(entry.created_at), who, text, (entry.payload or {}).get("item", "")])
    return out.getvalue()
