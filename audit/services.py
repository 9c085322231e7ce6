"""Audit trail: every workflow step calls audit_log()."""

from typing import Any

from django.db import models

from .models import AuditEntry

SECRET_KEYS = {"password", "token", "secret", "passcode", "key"}


def _mask(payload: dict[str, Any]) -> dict[str, Any]:
    masked: dict[str, Any] = {}
    for key, value in payload.items():
        if any(part in key.lower() for part in SECRET_KEYS):
            masked[key] = "***"
        elif isinstance(value, dict):
            masked[key] = _mask(value)
        else:
            masked[key] = value
    return masked


def audit_log(
    *,
    actor,
    action: str,
    target: models.Model | None = None,
    agency=None,
    payload: dict[str, Any] | None = None,
) -> AuditEntry:
    """Record ACTION (a dotted code such as ``agency.person.created``) by ACTOR."""
    return AuditEntry.objects.create(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        agency=agency,
        action=action,
        object_type=target._meta.label_lower if target is not None else "",
        object_id=str(target.pk) if target is not None else "",
        payload=_mask(payload or {}),
    )
