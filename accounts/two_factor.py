"""The second factor: a TOTP authenticator app (django-otp) and single-use recovery codes.

Operators, assessors and ITA admins must have one before they may use the back office
(`second_factor_required`, enforced by `accounts.middleware`); anyone may add one, and who has
one must use it at every login. Recovery codes are stored as SHA-256 hashes and each works once.
"""

from __future__ import annotations

import secrets
from base64 import b32encode

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from agencies.models import Membership, Role
from audit.services import audit_log
from lib.errors import DomainError
from lib.tokens import secret_hash

from .models import RecoveryCodes

RECOVERY_CODE_COUNT = 10
# Roles whose holders must have a second factor (besides operators and Django staff).
REQUIRED_ROLES = (Role.ADMIN, Role.ASSESSOR)
_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i to misread


def recovery_hash(code: str) -> str:
    return secret_hash("".join(ch for ch in code.lower() if ch.isalnum()))


def _new_recovery_code() -> str:
    raw = "".join(secrets.choice(_ALPHABET) for _ in range(16))  # about 79 bits
    return "-".join(raw[i:i + 4] for i in range(0, 16, 4))


def second_factor_required(user) -> bool:
    """Whether USER may not use the back office without a second factor."""
    if not settings.SECOND_FACTOR_REQUIRED or not user.is_authenticated:
        return False
    if user.is_operator or user.is_staff or user.is_superuser:
        return True
    return Membership.objects.filter(user=user, role__in=REQUIRED_ROLES).exists()


def has_second_factor(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def totp_secret(device: TOTPDevice) -> str:
    """The key in base32, in groups of four, for typing into an authenticator app."""
    text = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(text[i:i + 4] for i in range(0, len(text), 4))


@transaction.atomic
def totp_enrol_start(*, actor) -> TOTPDevice:
    """The user's pending authenticator (created once, kept until confirmed)."""
    if has_second_factor(actor):
        raise DomainError(_("You already have an authenticator app."), code="enrolled")
    device = TOTPDevice.objects.filter(user=actor, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice(user=actor, name="authenticator", confirmed=False)
        device.full_clean()
        device.save()
    return device


@transaction.atomic
def totp_enrol_confirm(*, actor, token: str) -> tuple[TOTPDevice, list[str]]:
    """Confirm the pending authenticator with a code from it; issue the recovery codes."""
    device = TOTPDevice.objects.select_for_update().filter(user=actor, confirmed=False).order_by("pk").first()
    if device is None:
        raise DomainError(_("Start again: there is no authenticator waiting to be confirmed."), field="token")
    if not device.verify_token("".join(token.split())):
        raise DomainError(_("That code is not right. Check the clock of your phone and try the newest code."), field="token")
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    codes = _recovery_codes_replace(actor)
    audit_log(actor=actor, action="account.second_factor.enrolled", target=device, payload={"recovery_codes": len(codes)})
    return device, codes


def _recovery_codes_replace(user) -> list[str]:
    codes = [_new_recovery_code() for _ in range(RECOVERY_CODE_COUNT)]
    RecoveryCodes.objects.filter(user=user).delete()
    device = RecoveryCodes(user=user, name="recovery", confirmed=True, code_hashes=[recovery_hash(c) for c in codes])
    device.full_clean()
    device.save()
    return codes


@transaction.atomic
def recovery_codes_issue(*, actor) -> list[str]:
    """A new set of recovery codes; the old ones stop working."""
    if not has_second_factor(actor):
        raise DomainError(_("Add an authenticator app first."), code="not_enrolled")
    codes = _recovery_codes_replace(actor)
    audit_log(actor=actor, action="account.second_factor.recovery_codes_issued", payload={"count": len(codes)})
    return codes


def recovery_codes_left(user) -> int:
    device = RecoveryCodes.objects.filter(user=user).first()
    return len(device.code_hashes) if device else 0


def second_factor_check(*, actor, token: str):
    """The device that accepts TOKEN (a 6-digit code or a recovery code), or DomainError.

    A wrong code is counted (django-otp waits longer after each) and audited; the count is
    committed before the refusal is raised."""
    token = token.strip()
    if not token:
        raise DomainError(_("Type the code from your authenticator app."), field="token")
    device, throttled = _second_factor_try(actor, token)
    if device is not None:
        return device
    if throttled:
        raise DomainError(_("Too many wrong codes. Wait a minute and try again."), field="token", status=429)
    raise DomainError(_("That code is not right."), field="token")


@transaction.atomic
def _second_factor_try(actor, token: str):
    throttled = False
    # Six digits go to the app, anything else to the recovery codes: a mistyped app code does
    # not slow down the recovery codes, nor the other way round.
    kind = TOTPDevice if token.isdigit() else RecoveryCodes
    for device in kind.objects.filter(user=actor, confirmed=True).select_for_update():
        allowed, _details = device.verify_is_allowed()
        if not allowed:
            throttled = True
            continue
        if device.verify_token(token):
            if isinstance(device, RecoveryCodes):
                audit_log(actor=actor, action="account.second_factor.recovery_code_used",
                          payload={"left": len(device.code_hashes)})
            return device, False
    audit_log(actor=actor, action="account.second_factor.failed")
    return None, throttled


@transaction.atomic
def second_factor_remove(*, actor) -> None:
    """Remove the authenticator and recovery codes (only for those who need none)."""
    if second_factor_required(actor):
        raise DomainError(_("Your role needs a second factor; it cannot be removed."), code="required", status=403)
    TOTPDevice.objects.filter(user=actor).delete()
    RecoveryCodes.objects.filter(user=actor).delete()
    audit_log(actor=actor, action="account.second_factor.removed")
