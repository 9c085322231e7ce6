"""The Content-Security-Policy: scripts only from our files, and no template carries inline
script or an on*= handler (so the policy needs no 'unsafe-inline' for scripts)."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

TEMPLATES = Path(settings.BASE_DIR) / "templates"
SCRIPT_TAG = re.compile(r"<script\b([^>]*)>", re.I)
HANDLER = re.compile(r"""<[a-z][^>]*\son[a-z]+\s*=""", re.I | re.S)


def template_files():
    return sorted(p for p in TEMPLATES.rglob("*.html"))


def test_no_template_has_inline_script_or_event_handlers():
    offenders = []
    for path in template_files():
        text = path.read_text(encoding="utf-8")
        for attrs in SCRIPT_TAG.findall(text):
            if "src=" not in attrs and 'type="application/json"' not in attrs:
                offenders.append(f"{path.relative_to(TEMPLATES)}: inline <script{attrs}>")
        if HANDLER.search(text):
            offenders.append(f"{path.relative_to(TEMPLATES)}: on*= handler")
        if "javascript:" in text.lower():
            offenders.append(f"{path.relative_to(TEMPLATES)}: javascript: URL")
    assert len(template_files()) > 50 and offenders == []


def test_style_blocks_on_pages_carry_the_nonce():
    """<style> blocks of served pages need the nonce; the document templates are printed to PDF
    and previewed with their own allowance (plans.views.documents)."""
    missing = []
    for path in template_files():
        rel = str(path.relative_to(TEMPLATES))
        if rel.startswith("documents/") or rel == "surveys/print_poster_pdf.html":
            continue
        for tag in re.findall(r"<style\b[^>]*>", path.read_text(encoding="utf-8")):
            if "nonce=" not in tag:
                missing.append(rel)
    assert missing == []


@pytest.mark.django_db
def test_the_policy_forbids_inline_script_and_framing():
    policy = Client().get("/")["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())
    assert directives["script-src"] == "'self'"
    assert directives["default-src"] == "'self'"
    assert directives["object-src"] == "'none'" and directives["base-uri"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"
    assert "unsafe-inline" not in directives["style-src"]
    assert directives["style-src-attr"] == "'unsafe-inline'"  # data colours and bar widths only


def test_a_print_page_gets_a_nonce_for_its_style_block(people, assessment):
    response = people.client("admin").get(f"/app/a/muangkao/oit/{assessment.pk}/matrix/print/")
    assert response.status_code == 200
    nonce = re.search(r'<style nonce="([^"]+)">', response.content.decode()).group(1)
    assert f"'nonce-{nonce}'" in response["Content-Security-Policy"]


def test_htmx_runs_without_eval_or_its_own_style_block(people):
    page = people.client("officer").get("/app/").content.decode()
    assert '"allowEval":false' in page and '"includeIndicatorStyles":false' in page
    assert "js/page.js" in page
