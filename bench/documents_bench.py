"""Time and peak memory to build official documents as PDF. Prints figures; asserts nothing.

    .venv/bin/python bench/documents_bench.py

Uses a throw-away SQLite database (never the developer's), loads ITA 2566 and the demo, then
builds (1) the OIT responsibility matrix and (2) a measures report padded to about 20 pages.
Python memory is tracemalloc's peak; Chromium's is the max RSS of the child processes
(resource.getrusage(RUSAGE_CHILDREN).ru_maxrss, as /usr/bin/time reports it).
"""

from __future__ import annotations

import datetime as dt
import os
import re
import resource
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
TMP = tempfile.mkdtemp(prefix="prongsai-bench-")
os.environ["DATABASE_URL"] = f"sqlite:///{TMP}/bench.sqlite3"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "prongsai.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402


def pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf))


def measure(label: str, build) -> None:
    from documents.pdf import render_pdf

    tracemalloc.start()
    started = time.perf_counter()
    html = build()
    html_done = time.perf_counter()
    _, python_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    pdf = render_pdf(html)
    finished = time.perf_counter()
    child_rss_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(f"{label}:")
    print(f"  pages               {pages(pdf)}")
    print(f"  HTML build          {html_done - started:7.3f} s   (Python peak {python_peak / 1e6:6.1f} MB, tracemalloc)")
    print(f"  Chromium print      {finished - html_done:7.3f} s   (child max RSS {child_rss_kb / 1024:6.1f} MB)")
    print(f"  total               {finished - started:7.3f} s   PDF {len(pdf) / 1024:7.1f} KiB")


def main() -> None:
    call_command("migrate", verbosity=0)
    call_command("load_framework", verbosity=0, stdout=open(os.devnull, "w"))
    from agencies.demo import demo_load
    from agencies.models import Agency
    from documents.official import document_html
    from frameworks.models import FrameworkVersion
    from plans import services
    from plans.demo import plans_demo_load
    from plans.models import MeasurePlan

    demo_load()
    plans_demo_load()
    agency = Agency.objects.get(code="muangkao")
    version = FrameworkVersion.objects.get(code="ita-2566")
    measure("OIT responsibility matrix (ita-2566, o1-o43)", lambda: document_html("oit-matrix", agency, version.pk)[0])

    plan = MeasurePlan.objects.get(agency=agency)
    divisions = list(agency.divisions.all()[:2])
    for n in range(4, 92):  # about twenty A4 pages
        m = services.measure_create(
            actor=None, plan=plan, title_th=f"มาตรการเพิ่มเติมที่ {n} เพื่อยกระดับคุณธรรมและความโปร่งใส",
            period_start=dt.date(2022, 10, 1), period_end=dt.date(2023, 9, 30), divisions=divisions,
            methods=["จัดทำคู่มือและเผยแพร่บนเว็บไซต์หน่วยงาน", "ประชุมชี้แจงบุคลากรทุกกองเพื่อถือปฏิบัติ"],
        )
        for month in (1, 2, 3):
            services.follow_up_add(actor=None, measure=m, date=dt.date(2023, month, 15),
                                   text_th=f"ดำเนินการแล้วเมื่อวันที่ ๑๕ เดือนที่ {month} และรายงานผลต่อคณะทำงาน")
    measure(f"Measures report ({plan.measures.count()} measures)",
            lambda: document_html("measures", agency, plan.pk)[0])


if __name__ == "__main__":
    main()
