"""The Django admin is off unless DJANGO_ADMIN=1, and then asks for the second factor."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.django_db
def test_the_admin_is_off_by_default():
    assert not settings.DJANGO_ADMIN_ENABLED
    assert "django.contrib.admin" not in settings.INSTALLED_APPS
    assert Client().get("/django-admin/").status_code == 404
    assert Client().get("/django-admin/login/").status_code == 404


@pytest.mark.skipif(not settings.DJANGO_ADMIN_ENABLED, reason="runs in the DJANGO_ADMIN=1 process below")
def test_enabled_admin_needs_the_second_factor(people):
    from .conftest import login_verified

    people.operator.is_staff = people.operator.is_superuser = True
    people.operator.save()
    unverified = Client()
    unverified.force_login(people.operator)
    response = unverified.get("/django-admin/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/two-factor/")
    verified = login_verified(Client(), people.operator)
    assert verified.get("/django-admin/").status_code == 200


def test_enabling_the_admin_puts_it_behind_the_second_factor(tmp_path):
    if settings.DJANGO_ADMIN_ENABLED:
        pytest.skip("already inside the DJANGO_ADMIN=1 process")
    env = {**os.environ, "DJANGO_ADMIN": "1", "DEBUG": "0"}
    if env.get("DATABASE_URL", "").startswith("postgres"):
        env["DATABASE_URL"] += "_admin"  # its own test database beside this run's
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", f"{Path(__file__).name}::test_enabled_admin_needs_the_second_factor"],
        cwd=ROOT / "tests", env=env, capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0 and "1 passed" in result.stdout, result.stdout[-2000:] + result.stderr[-2000:]
