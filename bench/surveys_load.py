"""IIT survey load test: PostgreSQL behind gunicorn, driven by a separate client process.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/helper_surveys_bench \\
        .venv/bin/python bench/surveys_load.py [--respondents 2000] [--concurrency 50] [--workers N]

Each respondent posts a full IIT form (51 answers) with its own single-use code, so every
request checks the form, deletes the code's digest and seals the answer into the pending
pool in one transaction; every k-th request also releases a shuffled batch of k.
Then, in the same run, the same number of POSTs of the same form to a no-op view behind the
same middleware (bench/surveys_urls.py), and the ratio full/no-op.
Prints responses/s, p50/p95 latency, a count check and, for scale, the rate of bare inserts
of the same rows. Figures only: nothing here asserts a timing.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SETTINGS = "bench.surveys_settings"


def client_main(args) -> None:
    """The load generator (runs in its own process): N threads, keep-alive connections."""
    jobs = json.loads(Path(args.jobs).read_text())
    url = urllib.parse.urlsplit(jobs["url"])
    lock = threading.Lock()
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    queue = list(jobs["codes"])
    target = url.path
    if args.mode == "noop":
        target = "/bench/noop/"

    def worker():
        conn = http.client.HTTPConnection(url.hostname, url.port, timeout=30)
        conn.request("GET", url.path)
        page = conn.getresponse()
        body = page.read().decode()
        cookie = page.getheader("Set-Cookie", "").split(";")[0]
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1)
        while True:
            with lock:
                if not queue:
                    break
                code = queue.pop()
            form = dict(jobs["answers"], csrfmiddlewaretoken=token, stage="answers", access_code=code)
            data = urllib.parse.urlencode(form)
            headers = {"Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie, "Referer": jobs["url"]}
            start = time.perf_counter()
            conn.request("POST", target, body=data, headers=headers)
            reply = conn.getresponse()
            reply.read()
            elapsed = time.perf_counter() - start
            with lock:
                latencies.append(elapsed)
                statuses[reply.status] = statuses.get(reply.status, 0) + 1
        conn.close()

    threads = [threading.Thread(target=worker) for _ in range(args.concurrency)]
    began = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - began
    print(json.dumps({"wall": wall, "latencies": latencies, "statuses": statuses}))


def setup_django():
    sys.path.insert(0, str(ROOT))
    os.environ["DJANGO_SETTINGS_MODULE"] = SETTINGS
    import django

    django.setup()


def ensure_database(url: str) -> None:
    import psycopg

    parts = urllib.parse.urlsplit(url)
    name = parts.path.lstrip("/")
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--respondents", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=50)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--client", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--jobs", help=argparse.SUPPRESS)
    parser.add_argument("--mode", default="full", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.client:
        return client_main(args)

    db_url = os.environ.get("DATABASE_URL", "")
    if not db_url.startswith("postgres"):
        sys.exit("Set DATABASE_URL to a PostgreSQL database, e.g. postgres://postgres@127.0.0.1:5432/helper_surveys_bench")
    ensure_database(db_url)
    setup_django()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    from agencies.models import Agency
    from agencies.services import agency_create
    from frameworks.services import DATA_DIR, framework_load
    from surveys.models import AccessCode, PendingResponse, Response
    from surveys.services import access_codes_print, campaign_create, campaign_set_status
    from surveys.questionnaires import field_name, questionnaire_get, survey_load

    version = framework_load(path=DATA_DIR / "ita-2566.yaml").version
    code = f"bench-{int(time.time())}"
    agency = agency_create(actor=None, code=code, name_th="หน่วยงานทดสอบภาระ", kind="sao", province="เชียงใหม่")
    campaign = campaign_create(actor=None, agency=agency, framework=version, fiscal_year=version.fiscal_year, eligible_staff=args.respondents)
    campaign_set_status(actor=None, campaign=campaign, status="open")
    survey = survey_load(questionnaire_get(version, "iit"))
    answers = {row.row.node_id: row.choices[-1][0] for s in survey.screens for q in s.questions for row in q.rows}
    _batch, codes = access_codes_print(actor=None, campaign=campaign, questionnaire_code="iit", count=args.respondents)
    url = f"http://127.0.0.1:{args.port}/s/{campaign.public_code}/iit/"
    jobs = ROOT / "bench" / ".surveys_jobs.json"
    jobs.write_text(json.dumps({"url": url, "codes": codes, "answers": {field_name(k): v for k, v in answers.items()}}))
    connection.close()

    import socket

    with socket.socket() as probe:
        if probe.connect_ex(("127.0.0.1", args.port)) == 0:
            sys.exit(f"port {args.port} is already in use; pass --port with a free one")

    env = dict(os.environ, DJANGO_SETTINGS_MODULE=SETTINGS, DB_CONN_MAX_AGE="600", DEBUG="0", PRODUCTION="0", LOG_LEVEL="WARNING")
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "prongsai.wsgi", "--workers", str(args.workers), "--bind", f"127.0.0.1:{args.port}",
         "--log-level", "warning"],  # no access log: survey requests leave no address behind
        cwd=ROOT, env=env,
    )
    try:
        for _ in range(100):
            try:
                http.client.HTTPConnection("127.0.0.1", args.port, timeout=1).request("GET", "/")
                break
            except OSError:
                time.sleep(0.2)
        out = subprocess.run(
            [sys.executable, __file__, "--client", "--jobs", str(jobs), "--concurrency", str(args.concurrency)],
            cwd=ROOT, env=env, capture_output=True, text=True, check=True,
        )
        noop_out = subprocess.run(
            [sys.executable, __file__, "--client", "--jobs", str(jobs), "--concurrency", str(args.concurrency), "--mode", "noop"],
            cwd=ROOT, env=env, capture_output=True, text=True, check=True,
        )
    finally:
        server.terminate()
        server.wait()
        jobs.unlink(missing_ok=True)
    result = json.loads(out.stdout)
    latencies = sorted(result["latencies"])
    stored = Response.objects.filter(campaign=campaign).count() + PendingResponse.objects.filter(campaign=campaign).count()
    released = Response.objects.filter(campaign=campaign).count()
    noop = json.loads(noop_out.stdout)
    noop_latencies = sorted(noop["latencies"])
    left = AccessCode.objects.filter(campaign=campaign).count()
    redirects = result["statuses"].get("302", 0)

    # For scale: the same rows inserted bare, one autocommitted INSERT each, no HTTP, no checks.
    import datetime as dt
    import uuid

    n_bare = min(args.respondents, 2000)
    began = time.perf_counter()
    with connection.cursor() as cursor:
        for _ in range(n_bare):
            cursor.execute(
                f"INSERT INTO {Response._meta.db_table} (id, campaign_id, questionnaire, part, submitted_on, answers) VALUES (%s, %s, %s, %s, %s, %s)",
                [uuid.uuid4(), campaign.pk, "iit", "", dt.date.today(), json.dumps(answers)],
            )
    bare = n_bare / (time.perf_counter() - began)
    Response.objects.filter(campaign=campaign).delete()
    PendingResponse.objects.filter(campaign=campaign).delete()
    Agency.objects.filter(pk=agency.pk).delete()

    rate = len(latencies) / result["wall"]
    print(f"gunicorn workers: {args.workers}, concurrency: {args.concurrency}, respondents: {args.respondents}")
    print(f"statuses: {result['statuses']}")
    print(f"responses/s: {rate:.1f}   wall: {result['wall']:.2f} s")
    print(f"latency p50: {statistics.median(latencies) * 1000:.1f} ms   p95: {latencies[int(len(latencies) * 0.95) - 1] * 1000:.1f} ms   max: {latencies[-1] * 1000:.1f} ms")
    print(f"count check: {stored} responses stored, {redirects} accepted, {left} codes left of {len(codes)} -> "
          f"{'OK' if stored == redirects == len(codes) - left else 'MISMATCH'}")
    noop_rate = len(noop_latencies) / noop["wall"]
    print(f"released in batches: {released} (the rest wait for a batch of k)")
    print(f"no-op POST through the same middleware: {noop_rate:.1f}/s   statuses: {noop['statuses']}   "
          f"p50: {statistics.median(noop_latencies) * 1000:.1f} ms   p95: {noop_latencies[int(len(noop_latencies) * 0.95) - 1] * 1000:.1f} ms")
    print(f"ratio full/no-op: {rate / noop_rate:.2f}")
    print(f"bare insert: {bare:.0f} rows/s (ratio full/bare: {rate / bare:.2f})")


if __name__ == "__main__":
    main()
