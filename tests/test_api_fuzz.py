"""Schemathesis fuzzes every operation of the API from its OpenAPI description: no input, valid
or not, with or without a token, ever makes the server answer 5xx.

Bounded for CI: a fixed number of examples per operation, derandomised (the same inputs each
run, so a failure reproduces), well under a minute on two cores."""

from __future__ import annotations

import pytest
import schemathesis
from django.core.management import call_command
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, settings

from accounts.models import User
from accounts.services import api_token_create

APP = get_wsgi_application()
schema = schemathesis.openapi.from_wsgi("/api/openapi.json", APP)
EXAMPLES = 25


@pytest.fixture
def api_world(framework, settings, django_db_setup, django_db_blocker):
    """The demo (an assessment with items, a survey campaign) and a token of its ITA admin.

    Requests go through the WSGI handler itself, which closes the database connection after
    each request; the test's transaction must survive, as Django's test client arranges."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    from django.core.cache import cache

    cache.clear()  # the demo's public questions count against a per-device limit kept in the cache
    call_command("load_demo", stdout=open("/dev/null", "w"))
    from assessments.models import Assessment
    from surveys.models import Campaign

    admin = User.objects.get(email="nipaporn@muangkao.example")
    yield {
        "token": api_token_create(user=admin, name="fuzz").secret,
        "pk": Assessment.objects.filter(agency__code="muangkao").values_list("pk", flat=True).first(),
        "campaign_id": Campaign.objects.values_list("pk", flat=True).first(),
    }
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def call(case, headers=None):
    response = case.call(headers=headers)
    assert response.status_code < 500, (case.method, case.formatted_path, case.path_parameters, case.query,
                                        case.body, response.status_code, response.text[:500])
    return response


@pytest.mark.django_db
@schema.parametrize()
@settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
          suppress_health_check=list(HealthCheck))
def test_no_input_makes_the_api_fail(case, api_world):
    # As generated (random ids: mostly 404), anonymously and with a real token ...
    call(case)
    call(case, headers={"Authorization": f"Bearer {api_world['token']}"})
    # ... and aimed at real objects, so the fuzzed bodies and queries reach the services.
    for name in ("pk", "campaign_id"):
        if name in (case.path_parameters or {}) and api_world[name] is not None:
            case.path_parameters[name] = api_world[name]
    if "code" in (case.path_parameters or {}) and "{pk}" in case.path:
        case.path_parameters["code"] = "o1"
    call(case, headers={"Authorization": f"Bearer {api_world['token']}"})
