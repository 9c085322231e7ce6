"""Buddhist-era years on every Thai screen: a crawl of the demo as its ITA admin (and as an
anonymous visitor) finds no Christian-era year (19xx/20xx) in any page's visible text."""

import re
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.test import Client

from agencies.demo import demo_load
from assessments.demo import oit_demo_load
from frameworks.services import DATA_DIR, framework_load
from plans.demo import plans_demo_current_year_load, plans_demo_load
from surveys.demo import surveys_demo_load

from .conftest import login_verified

CE_YEAR = re.compile(r"(?<![\d.:/-])(19[5-9]\d|20\d\d)(?![\d])")
SKIP = re.compile(r"\.(pdf|docx|ics|csv|png|xlsx|json)(\?|$)|/logout|/i18n/|/django-admin/|/api/|/download|/file|/print|lang=en")  # English pages may show CE


class _Page(HTMLParser):
    """Visible text (no scripts, styles, attributes) and the links of a page."""

    def __init__(self):
        super().__init__()
        self.text, self.links, self._skip = [], [], 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "code"):
            self._skip += 1
        if tag == "a":
            self.links += [value for name, value in attrs if name == "href" and value]

    def handle_endtag(self, tag):
        if tag in ("script", "style", "code") and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.text.append(data)


def crawl(client: Client, start: list[str], limit: int = 120) -> dict[str, str]:
    seen, queue, texts = set(start), list(start), {}
    while queue and len(texts) < limit:
        url = queue.pop(0)
        response = client.get(url)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        parser = _Page()
        parser.feed(response.content.decode())
        texts[url] = " ".join(" ".join(parser.text).split())
        for href in parser.links:
            link = urljoin(url, href).split("#")[0]
            parts = urlsplit(link)
            if parts.netloc or SKIP.search(link) or link in seen or not link.startswith("/"):
                continue
            if link.startswith("/app/") and "/muangkao/" not in link and link != "/app/":
                continue
            seen.add(link)
            queue.append(link)
    return texts


@pytest.fixture
def demo(db, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    framework_load(path=DATA_DIR / "ita-2566.yaml")
    demo_load()
    oit_demo_load()
    plans_demo_load()
    plans_demo_current_year_load()
    return surveys_demo_load()


def ce_years(texts: dict[str, str]) -> dict[str, list[str]]:
    found = {}
    for url, text in texts.items():
        hits = [text[max(0, m.start() - 40):m.end() + 20] for m in CE_YEAR.finditer(text)]
        if hits:
            found[url] = hits[:3]
    return found


def test_no_christian_era_year_on_any_thai_back_office_page(demo):
    from accounts.models import User

    client = Client()
    login_verified(client, User.objects.get(email="nipaporn@muangkao.example"))
    texts = crawl(client, ["/app/", "/app/a/muangkao/"])
    assert len(texts) > 30, sorted(texts)
    assert any("/oit/" in url for url in texts) and any("/plans/" in url for url in texts)
    assert any("/surveys/" in url for url in texts) and any("/audit/" in url for url in texts)
    assert ce_years(texts) == {}


def test_no_christian_era_year_on_public_pages(demo):
    texts = crawl(Client(), ["/", "/frameworks/", f"/s/{demo.public_code}/"], limit=40)
    assert len(texts) >= 3
    assert ce_years(texts) == {}
