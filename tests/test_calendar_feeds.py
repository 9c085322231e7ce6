"""Calendar feed links: created by the user, shown once, stored hashed, revocable, expiring,
audited, never carrying meeting passcodes, and useless to anyone outside the agency."""

import datetime as dt
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEntry
from plans.models import CalendarFeed, Meeting

from .plans_factories import make_world

CODE = "muangkao"


@pytest.fixture
def world(people):
    world = make_world(people)
    Meeting.objects.filter(pk=world.meeting.pk).update(online_url="https://nacc.webex.com/j/25142692548?pwd=Secret99#x")
    return world


def create_link(client: Client, name: str = "phone") -> str:
    response = client.post(reverse("plans:calendar_feeds", args=[CODE]), {"name": name})
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    return re.search(r'value="(http://testserver/app/a/muangkao/plans/calendar\.ics\?t=[^"]+)"', page).group(1)


def feed_path(url: str) -> str:
    return url.removeprefix("http://testserver")


def test_a_link_is_shown_once_stored_hashed_and_audited(people, world):
    client = people.client("officer")
    url = create_link(client)
    token = url.split("t=", 1)[1]
    feed = CalendarFeed.objects.get(user=people.officer)
    assert token not in feed.token_hash and feed.prefix == token[:8]
    later = client.get(reverse("plans:calendar", args=[CODE])).content.decode()
    assert token not in later and feed.prefix in later  # listed by its first letters only
    assert AuditEntry.objects.filter(action="plans.calendar_feed.created", actor=people.officer).count() == 1


def test_the_feed_has_the_meeting_but_not_its_passcode(people, world):
    url = create_link(people.client("officer"))
    feed = Client().get(feed_path(url))
    assert feed.status_code == 200 and feed["Content-Type"].startswith("text/calendar")
    body = feed.content.decode().replace("\r\n ", "")
    assert "BEGIN:VEVENT" in body and "DTSTART:20230106T030000Z" in body
    assert "https://nacc.webex.com/j/25142692548" in body
    assert "123456" not in body and "Passcode" not in body and "Secret99" not in body and "pwd" not in body
    # The meeting page still shows the passcode to members.
    page = people.client("member").get(reverse("plans:meeting", args=[CODE, world.meeting.pk])).content.decode()
    assert "123456" in page


def test_a_revoked_link_stops_working_and_the_revocation_is_audited(people, world):
    client = people.client("officer")
    url = create_link(client)
    feed = CalendarFeed.objects.get(user=people.officer)
    response = client.post(reverse("plans:calendar_feeds", args=[CODE]), {"revoke": feed.pk})
    assert response.status_code == 302
    assert Client().get(feed_path(url)).status_code == 404
    assert AuditEntry.objects.filter(action="plans.calendar_feed.revoked", actor=people.officer).count() == 1


def test_an_expired_link_stops_working(people, world, settings):
    url = create_link(people.client("officer"))
    feed = CalendarFeed.objects.get(user=people.officer)
    assert dt.timedelta(days=settings.CALENDAR_FEED_TTL_DAYS - 1) < feed.expires_at - timezone.now()
    CalendarFeed.objects.filter(pk=feed.pk).update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    assert Client().get(feed_path(url)).status_code == 404


def test_a_link_stops_working_when_the_user_leaves_the_agency(people, world):
    url = create_link(people.client("officer"))
    people.officer.memberships.all().delete()
    assert Client().get(feed_path(url)).status_code == 404


def test_a_link_works_only_for_its_own_agency(people, world):
    url = create_link(people.client("officer"))
    other = feed_path(url).replace("/a/muangkao/", "/a/ban-suan/")
    assert Client().get(other).status_code == 404
    assert Client().get(reverse("plans:calendar_ics", args=[CODE]) + "?t=forged").status_code == 404
    assert Client().get(reverse("plans:calendar_ics", args=[CODE]) + "?t=" + "x" * 5000).status_code == 404


def test_someone_else_cannot_revoke_my_link(people, world):
    create_link(people.client("officer"))
    feed = CalendarFeed.objects.get(user=people.officer)
    response = people.client("admin").post(reverse("plans:calendar_feeds", args=[CODE]), {"revoke": feed.pk})
    assert response.status_code == 404
    feed.refresh_from_db()
    assert feed.revoked_at is None


@pytest.mark.parametrize("who", ["outsider", "nobody"])
def test_outsiders_get_404_and_create_nothing(people, world, who):
    client = people.client(who)
    url = reverse("plans:calendar_feeds", args=[CODE])
    assert client.get(url).status_code == 405
    assert client.post(url, {"name": "x"}).status_code == 404
    assert not CalendarFeed.objects.exists()


def test_anonymous_is_sent_to_login(people, world):
    response = Client().post(reverse("plans:calendar_feeds", args=[CODE]), {"name": "x"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_read_only_roles_may_subscribe_too(people, world):
    for who in ("executive", "assessor"):
        assert Client().get(feed_path(create_link(people.client(who), who))).status_code == 200


def test_old_signed_links_no_longer_work(people, world):
    from django.core import signing

    old = signing.Signer(salt="plans.calendar-feed").sign_object({"u": people.officer.pk, "a": CODE})
    assert Client().get(reverse("plans:calendar_ics", args=[CODE]) + "?t=" + old).status_code == 404


@pytest.mark.parametrize("month", ["0001-01", "9999-12", "0000-00", "-1", "๒๕๖๖-๐๑", "2566-13", "x" * 1000])
def test_a_malformed_month_shows_the_current_month_not_an_error(people, world, month):
    response = people.client("officer").get(reverse("plans:calendar", args=[CODE]), {"month": month})
    assert response.status_code == 200
