"""Writes for ethics records (o39-o41)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency
from audit.services import audit_log
from lib.errors import DomainError

from ..models import EthicsRecord
from .common import clean_text, validated


@transaction.atomic
def ethics_record_add(
    *, actor, agency: Agency, fiscal_year: int, kind: str, title_th: str, date: dt.date,
    description_th: str = "", url: str = "",
) -> EthicsRecord:
    if kind not in EthicsRecord.Kind.values:
        raise DomainError(_("Unknown kind of ethics record."), field="kind")
    record = validated(EthicsRecord(agency=agency, fiscal_year=fiscal_year, kind=kind, title_th=clean_text(title_th),
                                    date=date, description_th=clean_text(description_th), url=clean_text(url)))
    record.save()
    audit_log(actor=actor, action="plans.ethics.recorded", target=record, agency=agency,
              payload={"kind": kind, "date": date.isoformat()})
    return record
