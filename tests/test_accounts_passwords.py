"""Change a password; forgot password by email with a single-use expiring link, without
telling anyone which addresses have accounts."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from audit.models import AuditEntry

from .conftest import PASSWORD

pytestmark = pytest.mark.django_db
NEW = "a-much-longer-new-secret-77"


def test_a_user_changes_their_password_and_stays_logged_in(people):
    client = people.client("officer")
    page = client.get(reverse("accounts:password_change"))
    assert page.status_code == 200 and "id_old_password" in page.content.decode()
    response = client.post(reverse("accounts:password_change"),
                           {"old_password": PASSWORD, "new_password1": NEW, "new_password2": NEW})
    assert response.status_code == 302
    people.officer.refresh_from_db()
    assert people.officer.check_password(NEW)
    assert client.get(reverse("backoffice:home")).status_code == 200  # session kept
    entry = AuditEntry.objects.get(action="account.password.changed")
    assert entry.actor == people.officer and NEW not in str(entry.payload)


def test_a_wrong_current_password_is_shown_next_to_its_field(people):
    client = people.client("officer")
    response = client.post(reverse("accounts:password_change"),
                           {"old_password": "wrong", "new_password1": NEW, "new_password2": NEW})
    page = response.content.decode()
    assert response.status_code == 200
    field = page.index('id="id_old_password"')
    assert 'class="errorlist' in page[field:field + 600]
    people.officer.refresh_from_db()
    assert people.officer.check_password(PASSWORD)


def test_anonymous_visitors_cannot_change_a_password(people):
    response = people.client(None).get(reverse("accounts:password_change"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def _reset_link() -> str:
    body = mail.outbox[-1].body
    return re.search(r"https?://\S+/accounts/password/reset/\S+/", body).group(0)


def test_forgot_password_sends_a_link_that_works_once(people, client):
    response = client.post(reverse("accounts:password_reset"), {"email": people.officer.email})
    assert response.status_code == 302 and response["Location"] == reverse("accounts:password_reset_sent")
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [people.officer.email]
    link = _reset_link()
    path = link.split("://", 1)[1].split("/", 1)[1]
    form_page = client.get("/" + path, follow=True)
    assert form_page.status_code == 200 and "id_new_password1" in form_page.content.decode()
    set_url = form_page.redirect_chain[-1][0]
    done = client.post(set_url, {"new_password1": NEW, "new_password2": NEW})
    assert done.status_code == 302
    people.officer.refresh_from_db()
    assert people.officer.check_password(NEW)
    assert AuditEntry.objects.filter(action="account.password.reset", actor=people.officer).exists()
    # The same link again: refused, nothing changes.
    again = client.get("/" + path, follow=True)
    assert "id_new_password1" not in again.content.decode()
    assert client.post(set_url, {"new_password1": "another-new-secret-88", "new_password2": "another-new-secret-88"}).status_code == 200
    people.officer.refresh_from_db()
    assert people.officer.check_password(NEW)


def test_the_link_expires(people, client, settings):
    client.post(reverse("accounts:password_reset"), {"email": people.officer.email})
    path = "/" + _reset_link().split("://", 1)[1].split("/", 1)[1]
    settings.PASSWORD_RESET_TIMEOUT = -1
    page = client.get(path, follow=True).content.decode()
    assert "id_new_password1" not in page


def test_forgot_password_answers_the_same_for_an_unknown_address(people, client):
    known = client.post(reverse("accounts:password_reset"), {"email": people.officer.email})
    unknown = client.post(reverse("accounts:password_reset"), {"email": "nobody-here@example.org"})
    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"])
    assert len(mail.outbox) == 1


def test_the_reset_pages_and_email_are_in_thai(people, client):
    page = client.get(reverse("accounts:password_reset")).content.decode()
    assert "ลืมรหัสผ่าน" in page
    client.post(reverse("accounts:password_reset"), {"email": people.officer.email})
    assert "รหัสผ่าน" in mail.outbox[0].subject and "ครั้งเดียว" in mail.outbox[0].body
    assert "ลืมรหัสผ่าน" in client.get(reverse("accounts:login")).content.decode()
