"""Every page reachable from each demo role's pages answers without a server error, with the
Content-Security-Policy header and no inline script, also when its query parameters are
malformed (huge numbers, year 0001, negative, not numeric, Thai digits, control characters)."""

from __future__ import annotations

import re
from collections import defaultdict
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urlencode, urlsplit

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import Resolver404, resolve

from accounts.models import User

from .conftest import login_verified

ROLES = [
    None,  # anonymous
    "operator@prongsai.example",
    "nipaporn@muangkao.example",  # ITA admin and officer
    "uthai@muangkao.example",  # executive
    "somjet@muangkao.example",  # officer
    "wattana@muangkao.example",  # working-group member
    "assessor@nacc-chiangmai.example",
    "admin@bansuan.example",  # admin of the other agency
]
START = ["/", "/frameworks/", "/app/", "/app/surveys/progress/", "/accounts/login/", "/accounts/two-factor/", "/api/docs"]
SKIP = re.compile(r"^/(static|media|i18n)/|^/accounts/logout/|\.pdf$|/background/$")
PER_ROUTE = 3  # pages crawled per URL pattern and role (the 43 OIT items look alike)
MAX_PAGES = 600

# Names the pages read, plus any a link or GET form shows.
COMMON_PARAMS = ["month", "year", "page", "q", "province", "status", "kind", "t", "next", "fiscal_year",
                 "tool", "item", "division", "state", "sort", "version", "format"]
BAD_VALUES = [
    "0001-01", "0000-00", "9999-12", "10000-01", "2566-13", "-1", "0", "99999999999999999999999",
    "1e309", "abc", "๒๕๖๖", "ไทย", "-0001-01", "0x10", "[]", "%00", "\x00", "a" * 3000, "1.5", "",
]


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.urls: list[str] = []
        self.get_forms: list[tuple[str, list[str]]] = []
        self._form: tuple[str, list[str]] | None = None
        self.inline_scripts = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "a" and a.get("href"):
            self.urls.append(a["href"])
        for key in ("hx-get",):
            if a.get(key):
                self.urls.append(a[key])
        if tag == "script" and not a.get("src") and a.get("type") not in ("application/json",):
            self.inline_scripts += 1
        if any(k.startswith("on") for k in a):
            self.inline_scripts += 1
        if tag == "form" and (a.get("method") or "get").lower() == "get":
            self._form = (a.get("action") or "", [])
            self.get_forms.append(self._form)
        if tag in ("input", "select", "textarea") and self._form is not None and a.get("name"):
            self._form[1].append(a["name"])

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None


def route_of(path: str) -> str | None:
    try:
        match = resolve(path)
    except Resolver404:
        return None
    return match.route or match.view_name


@pytest.fixture
def demo(framework, settings, django_db_setup):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    from django.core.cache import cache

    cache.clear()  # the demo's public questions count against a per-device limit kept in the cache
    call_command("load_demo", stdout=open("/dev/null", "w"))


def crawl(client: Client, problems: list[str], params: dict[str, set[str]]) -> dict[str, str]:
    """Visit what the role can reach; return one URL per route (for the fuzzing)."""
    seen: set[str] = set()
    per_route: dict[str, int] = defaultdict(int)
    representative: dict[str, str] = {}
    queue = list(START)
    while queue and len(seen) < MAX_PAGES:
        url = queue.pop(0)
        parts = urlsplit(url)
        if parts.scheme not in ("", "http") or parts.netloc not in ("", "testserver") or not parts.path.startswith("/"):
            continue
        url = parts.path + (f"?{parts.query}" if parts.query else "")
        if url in seen or SKIP.search(parts.path):
            continue
        route = route_of(parts.path)
        if route is None or per_route[route] >= PER_ROUTE:
            continue
        seen.add(url)
        per_route[route] += 1
        representative.setdefault(route, parts.path)
        for name, _value in parse_qsl(parts.query):
            params[route].add(name)
        response = client.get(url)
        check(response, url, problems)
        if response.status_code in (301, 302) and response.has_header("Location"):
            queue.append(response["Location"])
        if "html" not in response.get("Content-Type", ""):
            continue
        parser = Links()
        parser.feed(response.content.decode("utf-8", "replace"))
        if parser.inline_scripts:
            problems.append(f"{url}: {parser.inline_scripts} inline script(s) or on*= handler(s)")
        for action, names in parser.get_forms:
            target = urlsplit(action).path or parts.path
            target_route = route_of(target)
            if target_route:
                params[target_route].update(names)
        queue.extend(parser.urls)
    return representative


def check(response, url: str, problems: list[str]) -> None:
    if response.status_code >= 500:
        problems.append(f"{url}: {response.status_code}")
    if not response.has_header("Content-Security-Policy"):
        problems.append(f"{url}: no Content-Security-Policy header")
        return
    directives = dict((part.strip().split(" ", 1) + [""])[:2] for part in response["Content-Security-Policy"].split(";")
                      if part.strip())
    # Our pages: scripts from our files only. Served uploads: nothing at all (default-src 'none').
    scripts = directives.get("script-src", directives.get("default-src", ""))
    if scripts not in ("'self'", "'none'") and not scripts.startswith("'self' 'nonce-"):
        problems.append(f"{url}: weak script-src: {response['Content-Security-Policy']}")


def fuzz(client: Client, routes: dict[str, str], params: dict[str, set[str]], problems: list[str]) -> int:
    sent = 0
    for route, path in routes.items():
        names = sorted(set(COMMON_PARAMS) | params[route])
        for value in BAD_VALUES:
            url = path + "?" + urlencode({name: value for name in names})
            check(client.get(url), url[:200], problems)
            sent += 1
        for name in sorted(params[route]):  # one at a time: another parameter may mask it
            for value in BAD_VALUES:
                url = path + "?" + urlencode({name: value})
                check(client.get(url), url[:200], problems)
                sent += 1
    return sent


def client_for(email: str | None) -> Client:
    client = Client(raise_request_exception=False)
    if email:
        login_verified(client, User.objects.get(email=email))
    return client


@pytest.mark.django_db
def test_no_page_of_a_crawl_fails_or_lacks_the_policy_even_with_bad_parameters(demo):
    """Each role crawls what it can reach; each URL pattern is then fuzzed once, by the first
    role that reached it (anonymous pages also anonymously, since they differ)."""
    problems: list[str] = []
    params: dict[str, set[str]] = defaultdict(set)
    to_fuzz: dict[str, tuple[str | None, str]] = {}
    reached: dict[str | None, int] = {}
    for email in ROLES:
        routes = crawl(client_for(email), problems, params)
        reached[email] = len(routes)
        for route, path in routes.items():
            to_fuzz.setdefault(route if email else f"anonymous {route}", (email, path))
    assert all(count >= 8 for email, count in reached.items() if email), reached  # the crawls went somewhere
    assert reached[None] >= 4, reached
    by_role: dict[str | None, dict[str, str]] = defaultdict(dict)
    for route, (email, path) in to_fuzz.items():
        by_role[email][route.removeprefix("anonymous ")] = path
    sent = sum(fuzz(client_for(email), routes, params, problems) for email, routes in by_role.items())
    print(f"crawl: {reached}; {len(to_fuzz)} URL patterns fuzzed with {sent} requests")
    assert sent > 500
    assert problems == []
