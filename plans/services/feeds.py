"""Calendar feed links: created by a user for one agency, shown once, revocable, expiring.

The feed carries what the user sees in the agency's calendar except meeting passcodes (a
calendar app may sync the feed to other devices and services)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency
from agencies.permissions import Perm, has_perm
from audit.services import audit_log
from lib.errors import DomainError, NotFoundError
from lib.tokens import new_secret, secret_hash

from ..models import CalendarFeed

MAX_ACTIVE_FEEDS = 10


@dataclass(frozen=True)
class IssuedFeed:
    feed: CalendarFeed
    token: str


def _may_view(user, agency: Agency) -> bool:
    return bool(user.is_active and has_perm(user, agency, Perm.PLANS_VIEW))


@transaction.atomic
def calendar_feed_create(*, actor, agency: Agency, name: str) -> IssuedFeed:
    name = " ".join(name.split())[:100] or str(_("Calendar app"))
    if not _may_view(actor, agency):
        raise NotFoundError(_("Not found."))
    active = CalendarFeed.objects.filter(user=actor, agency=agency, revoked_at__isnull=True,
                                         expires_at__gt=timezone.now()).count()
    if active >= MAX_ACTIVE_FEEDS:
        raise DomainError(_("You have too many calendar links for this agency; revoke one first."), field="name")
    token = new_secret()
    feed = CalendarFeed(user=actor, agency=agency, name=name, prefix=token[:8], token_hash=secret_hash(token),
                        expires_at=timezone.now() + dt.timedelta(days=settings.CALENDAR_FEED_TTL_DAYS))
    feed.full_clean()
    feed.save()
    audit_log(actor=actor, action="plans.calendar_feed.created", target=feed, agency=agency,
              payload={"name": feed.name, "prefix": feed.prefix, "expires_at": feed.expires_at.isoformat()})
    return IssuedFeed(feed, token)


@transaction.atomic
def calendar_feed_revoke(*, actor, feed: CalendarFeed) -> None:
    if feed.user_id != actor.pk:
        raise NotFoundError(_("Not found."))
    if feed.revoked_at is None:
        feed.revoked_at = timezone.now()
        feed.save(update_fields=["revoked_at"])
        audit_log(actor=actor, action="plans.calendar_feed.revoked", target=feed, agency=feed.agency,
                  payload={"name": feed.name, "prefix": feed.prefix})


def calendar_feed_user(token: str, agency_code: str):
    """The user whose active link for AGENCY_CODE is TOKEN and who may still see it, or None."""
    if not token or len(token) > 100:
        return None
    feed = (CalendarFeed.objects.select_related("user", "agency")
            .filter(token_hash=secret_hash(token), agency__code=agency_code).first())
    if feed is None or not feed.active or not _may_view(feed.user, feed.agency):
        return None
    now = timezone.now()
    if feed.last_used_at is None or (now - feed.last_used_at).total_seconds() > 3600:
        CalendarFeed.objects.filter(pk=feed.pk).update(last_used_at=now)  # coarse, one write an hour
    return feed.user
