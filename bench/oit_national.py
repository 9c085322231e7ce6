"""National-scale OIT benchmark on PostgreSQL. Prints figures; asserts nothing about time.

    .venv/bin/python bench/oit_national.py [--agencies 8300] [--db prongsai_bench]

Builds a fresh database with N agencies × 43 OIT items, each with an evidence revision, an
entry and preliminary and final verdicts, then measures:
- SQL queries of one agency's assessment page and of its API, at 43 items and (for growth)
  with the same page rendered for an assessment of a framework with fewer items;
- the page's median time over repeated requests;
- the time to compute the OIT score of every agency.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def prepare_database(name: str) -> None:
    import psycopg

    with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--agencies", type=int, default=8300)
    parser.add_argument("--db", default="prongsai_bench")
    parser.add_argument("--requests", type=int, default=30)
    args = parser.parse_args()

    prepare_database(args.db)
    os.environ["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/{args.db}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "prongsai.settings")
    os.environ["TASKS_BACKEND"] = "immediate"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    figures: dict[str, str] = {}
    started = time.perf_counter()
    build(args.agencies)
    figures["build (s)"] = f"{time.perf_counter() - started:.1f}"
    measure(figures, args.requests)
    width = max(len(k) for k in figures)
    print(f"\nOIT national benchmark, PostgreSQL, {args.agencies} agencies × 43 items")
    for key, value in figures.items():
        print(f"  {key:<{width}}  {value}")


def build(n_agencies: int) -> None:
    import datetime as dt

    from django.db import connection, transaction

    from accounts.models import User
    from agencies.models import Agency, Membership, Role
    from assessments.models import Assessment, AssessmentItem, EvidenceEntry, EvidenceRevision, ItemState, Phase
    from frameworks.models import FrameworkVersion
    from frameworks.services import DATA_DIR, framework_load

    framework_load(path=DATA_DIR / "ita-2566.yaml")
    version = FrameworkVersion.objects.get(code="ita-2566")
    items = list(version.items.order_by("position"))
    phases = list(version.phases.all())
    rng = random.Random(2566)
    operator = User.objects.create_user(email="bench-operator@example.org", password="bench-password-1", is_operator=True)
    batch = 5000
    with transaction.atomic():
        agencies = Agency.objects.bulk_create(
            [Agency(code=f"a{i:05d}", name_th=f"หน่วยงานทดสอบ {i}", kind="sao", province=f"จังหวัด {i % 77}") for i in range(n_agencies)],
            batch_size=batch,
        )
        Membership.objects.bulk_create(
            [Membership(user=operator, agency=agencies[0], role=Role.ADMIN)]
        )
        assessments = Assessment.objects.bulk_create(
            [Assessment(agency=a, framework=version, created_by=operator) for a in agencies], batch_size=batch
        )
        Phase.objects.bulk_create(
            [
                Phase(assessment=a, code=p.node_id, name_th=p.name_th, start=p.start, end=p.end)
                for a in assessments
                for p in phases
            ],
            batch_size=batch,
        )
        verdicts = ["pass"] * 9 + ["fail"]
        rows = []
        for a in assessments:
            # The last agency gets only 10 items: the growth check compares its page with a full one.
            for item in items if a is not assessments[-1] else items[:10]:
                prelim = rng.choice(verdicts)
                rows.append(
                    AssessmentItem(
                        assessment=a,
                        item=item,
                        state=ItemState.SENT,
                        position_th="นักจัดการงานทั่วไป",
                        due_date=dt.date(2023, 3, 1),
                        preliminary_verdict=prelim,
                        final_verdict=prelim if rng.random() > 0.05 else "pass",
                    )
                )
        AssessmentItem.objects.bulk_create(rows, batch_size=batch)
        item_rows = list(AssessmentItem.objects.values_list("pk", flat=True).order_by("pk"))
        revisions = EvidenceRevision.objects.bulk_create(
            [EvidenceRevision(assessment_item_id=pk, number=1, created_by=operator) for pk in item_rows], batch_size=batch
        )
        EvidenceEntry.objects.bulk_create(
            [
                EvidenceEntry(revision=r, title="หลักฐาน", url=f"https://a{r.pk % 10000:05d}.go.th/oit", effective_date=dt.date(2023, 1, 5))
                for r in revisions
            ],
            batch_size=batch,
        )
        # Pin the sent revision: one UPDATE joining on the item.
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE assessments_assessmentitem AS i SET sent_revision_id = r.id "
                "FROM assessments_evidencerevision AS r WHERE r.assessment_item_id = i.id"
            )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def measure(figures: dict[str, str], n_requests: int) -> None:
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from accounts.models import User
    from accounts.services import api_token_create
    from assessments.models import Assessment
    from assessments.selectors import oit_scores_bulk

    operator = User.objects.get(email="bench-operator@example.org")
    assessment = Assessment.objects.select_related("agency").order_by("pk").first()
    client = Client()
    client.force_login(operator)
    page = f"/app/a/{assessment.agency.code}/oit/{assessment.pk}/"
    api = f"/api/assessments/{assessment.pk}/"
    headers = {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(user=operator, name='bench').secret}"}

    client.get(page)  # warm caches
    with CaptureQueriesContext(connection) as page_queries:
        response = client.get(page)
    assert response.status_code == 200, response.status_code
    with CaptureQueriesContext(connection) as api_queries:
        client.get(api, **headers)
    figures["assessment page queries (43 items)"] = str(len(page_queries))
    figures["assessment API queries (43 items)"] = str(len(api_queries))

    # Growth check: the same page with only 10 of the 43 items left must take as many queries.
    small = Assessment.objects.select_related("agency").order_by("-pk").first()
    with CaptureQueriesContext(connection) as small_queries:
        client.get(f"/app/a/{small.agency.code}/oit/{small.pk}/")
    figures["assessment page queries (10 items)"] = str(len(small_queries))

    timings = []
    for _ in range(n_requests):
        started = time.perf_counter()
        client.get(page)
        timings.append((time.perf_counter() - started) * 1000)
    figures["assessment page median (ms)"] = f"{statistics.median(timings):.1f}"
    figures["assessment page p95 (ms)"] = f"{sorted(timings)[int(len(timings) * 0.95) - 1]:.1f}"
    api_timings = []
    for _ in range(n_requests):
        started = time.perf_counter()
        client.get(api, **headers)
        api_timings.append((time.perf_counter() - started) * 1000)
    figures["assessment API median (ms)"] = f"{statistics.median(api_timings):.1f}"

    reset_queries()
    started = time.perf_counter()
    scores = oit_scores_bulk(Assessment.objects.all(), final=True)
    elapsed = time.perf_counter() - started
    figures["OIT score of all agencies (s)"] = f"{elapsed:.2f}"
    figures["agencies scored"] = str(len(scores))
    passing = sum(1 for s in scores.values() if s is not None and s >= 85)
    figures["agencies with OIT ≥ 85"] = f"{passing} ({passing / len(scores):.1%})"


if __name__ == "__main__":
    main()
