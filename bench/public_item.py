"""Public item page under load: the national OIT data set on PostgreSQL behind gunicorn,
200 concurrent anonymous readers, beside a static file served by the same stack in the same run.

    .venv/bin/python bench/public_item.py [--agencies 8300] [--db prongsai_public_bench]
        [--readers 200] [--requests 10] [--workers 2] [--port 8123] [--reuse] [--page-cache 30]

Builds the data set of bench/oit_national.py (N agencies × 43 sent items), makes every agency's
public section public and publishes every item (one frozen version with its entry), then
measures the item page's SQL queries in-process, and from a separate client process (threads,
one keep-alive connection each, loopback only, a bounded number of requests per reader):
requests/s, p50 and p95 of the item page and of /static/css/public.css. Figures only.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def client_main(args) -> None:
    """The load generator: READERS threads, each GETs PATH REQUESTS times over one connection."""
    lock = threading.Lock()
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    start_gate = threading.Barrier(args.readers)

    def reader():
        conn = http.client.HTTPConnection("127.0.0.1", args.port, timeout=60)
        start_gate.wait()
        for _ in range(args.requests):
            began = time.perf_counter()
            try:
                conn.request("GET", args.path)
                reply = conn.getresponse()
                reply.read()
                status = reply.status
            except (OSError, http.client.HTTPException):
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", args.port, timeout=60)
                status = 0
            elapsed = time.perf_counter() - began
            with lock:
                latencies.append(elapsed)
                statuses[status] = statuses.get(status, 0) + 1
        conn.close()

    threads = [threading.Thread(target=reader) for _ in range(args.readers)]
    began = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    print(json.dumps({"wall": time.perf_counter() - began, "latencies": latencies, "statuses": statuses}))


def publish_everything() -> None:
    """Every agency public; every sent item published once, with its entry (bulk SQL, no audit)."""
    from django.db import connection, transaction

    from agencies.models import Agency
    from transparency.models import PublicProfile

    with transaction.atomic():
        PublicProfile.objects.bulk_create(
            [PublicProfile(agency_id=pk, is_public=True, phone="053 000 000") for pk in Agency.objects.values_list("pk", flat=True)],
            batch_size=5000,
        )
        with connection.cursor() as cursor:
            cursor.execute(
                "INSERT INTO transparency_publication (agency_id, assessment_item_id, number, source_revision_id, note, published_at) "
                "SELECT a.agency_id, i.id, 1, i.sent_revision_id, '', now() FROM assessments_assessmentitem i "
                "JOIN assessments_assessment a ON a.id = i.assessment_id WHERE i.sent_revision_id IS NOT NULL"
            )
            cursor.execute(
                "INSERT INTO transparency_publishedentry (publication_id, title, url, effective_date, none_statement, position) "
                "SELECT p.id, e.title, e.url, e.effective_date, false, 0 FROM transparency_publication p "
                "JOIN assessments_evidenceentry e ON e.revision_id = p.source_revision_id"
            )
            cursor.execute("ANALYZE")


def run_load(args, path: str, env: dict) -> dict:
    out = subprocess.run(
        [sys.executable, __file__, "--client", "--path", path, "--readers", str(args.readers),
         "--requests", str(args.requests), "--port", str(args.port)],
        cwd=ROOT, env=env, capture_output=True, text=True, check=True,
    )
    result = json.loads(out.stdout)
    latencies = sorted(result["latencies"])
    return {
        "requests": len(latencies),
        "statuses": result["statuses"],
        "rps": len(latencies) / result["wall"],
        "p50": statistics.median(latencies) * 1000,
        "p95": latencies[int(len(latencies) * 0.95) - 1] * 1000,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--agencies", type=int, default=8300)
    parser.add_argument("--db", default="prongsai_public_bench")
    parser.add_argument("--readers", type=int, default=200)
    parser.add_argument("--requests", type=int, default=10, help="requests per reader (bounded)")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--port", type=int, default=8123)
    parser.add_argument("--reuse", action="store_true", help="keep an already built database")
    parser.add_argument("--page-cache", type=int, default=0, help="PUBLIC_PAGE_CACHE_SECONDS for the server (0: off)")
    parser.add_argument("--client", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--path", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.client:
        return client_main(args)

    from bench.oit_national import build, prepare_database

    if not args.reuse:
        prepare_database(args.db)
    os.environ["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/{args.db}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "prongsai.settings")
    os.environ["TASKS_BACKEND"] = "immediate"
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from agencies.models import Agency

    figures: dict[str, str] = {}
    if not args.reuse:
        call_command("migrate", verbosity=0)
        began = time.perf_counter()
        build(args.agencies)
        publish_everything()
        figures["build and publish (s)"] = f"{time.perf_counter() - began:.1f}"
    agency = Agency.objects.order_by("pk").first()
    path = f"/p/{agency.code}/items/o21/"
    static = "/static/css/public.css"
    client = Client()
    client.get(path)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200, response.status_code
    figures["item page queries"] = str(len(queries))
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/p/{agency.code}/")
    assert response.status_code == 200, response.status_code
    figures["agency home queries (43 items)"] = str(len(queries))
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM transparency_publication")
        figures["publications in the database"] = str(cursor.fetchone()[0])
    connection.close()

    import socket

    with socket.socket() as probe:
        if probe.connect_ex(("127.0.0.1", args.port)) == 0:
            sys.exit(f"port {args.port} is already in use; pass --port with a free one")
    env = dict(os.environ, DB_CONN_MAX_AGE="600", DEBUG="0", PRODUCTION="0", LOG_LEVEL="WARNING",
               PUBLIC_PAGE_CACHE_SECONDS=str(args.page_cache))
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "prongsai.wsgi", "--workers", str(args.workers), "--threads", "4",
         "--bind", f"127.0.0.1:{args.port}", "--backlog", "512", "--log-level", "warning"],
        cwd=ROOT, env=env,
    )
    try:
        for _ in range(100):
            try:
                probe = http.client.HTTPConnection("127.0.0.1", args.port, timeout=1)
                probe.request("GET", path)
                probe.getresponse().read()
                break
            except OSError:
                time.sleep(0.2)
        page = run_load(args, path, env)
        static_file = run_load(args, static, env)
    finally:
        server.terminate()
        server.wait()

    print(f"\nPublic item page benchmark, PostgreSQL, {args.agencies} agencies × 43 items published; gunicorn "
          f"{args.workers} workers × 4 threads; {args.readers} concurrent readers × {args.requests} requests each; "
          f"page cache {args.page_cache or 'off'}")
    for key, value in figures.items():
        print(f"  {key:<32}  {value}")
    for name, result in ((f"item page {path}", page), (f"static file {static}", static_file)):
        print(f"  {name}")
        print(f"    statuses {result['statuses']}  requests/s {result['rps']:.1f}  p50 {result['p50']:.1f} ms  p95 {result['p95']:.1f} ms")


if __name__ == "__main__":
    main()
