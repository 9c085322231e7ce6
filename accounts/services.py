"""API tokens: issued once, stored as a hash, revocable."""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from audit.services import audit_log
from lib.errors import DomainError, PermissionRefused
from lib.tokens import new_secret, secret_hash

from .models import ApiToken

TOKEN_PREFIX = "psai_"


@dataclass(frozen=True)
class IssuedToken:
    token: ApiToken
    secret: str


@transaction.atomic
def api_token_create(*, user, name: str) -> IssuedToken:
    name = name.strip()
    if not name:
        raise DomainError(_("Give the token a name, e.g. the script that uses it."), field="name")
    secret = TOKEN_PREFIX + new_secret()
    token = ApiToken.objects.create(user=user, name=name[:100], prefix=secret[len(TOKEN_PREFIX):][:8], token_hash=secret_hash(secret))
    audit_log(actor=user, action="account.api_token.created", target=token, payload={"name": token.name})
    return IssuedToken(token, secret)


@transaction.atomic
def api_token_revoke(*, user, token: ApiToken) -> None:
    if token.user_id != user.pk:
        raise PermissionRefused(_("That token is not yours."))
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    audit_log(actor=user, action="account.api_token.revoked", target=token, payload={"name": token.name})


def api_token_user(secret: str):
    """The active user behind SECRET, or None."""
    token = (
        ApiToken.objects.select_related("user")
        .filter(token_hash=secret_hash(secret), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is None:
        return None
    # Coarse last-use stamp: at most one write a minute per token.
    now = timezone.now()
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


@transaction.atomic
def password_set(*, user, form, how: str) -> None:
    """Save a password FORM (Django's change or reset form) for USER and audit it.

    HOW is "changed" (logged in, knowing the old one) or "reset" (through the emailed link).
    The audit entry never holds the password, only that it changed.
    """
    if how not in ("changed", "reset"):
        raise DomainError(_("Unknown way of setting a password."))
    form.save()
    audit_log(actor=user, action=f"account.password.{how}", target=user, payload={})


def user_language_set(*, user, language: str) -> None:
    """Remember USER's TH/EN choice on the account, so every device shows it."""
    if user.language == language:
        return
    previous = user.language
    user.language = language
    user.full_clean(exclude=["password"])
    user.save(update_fields=["language"])
    audit_log(actor=user, action="account.language.changed", target=user, payload={"from": previous or "th", "to": language})
