"""The A4 poster as PDF: Thai text with the agency's name and the survey links in its text
layer, QR codes that a real decoder reads back to those links, and a clear 503 without Chromium."""

from __future__ import annotations

import shutil
import subprocess
from urllib.parse import urlsplit

import pytest
from django.conf import settings
import zxingcpp

from documents import pdf as pdfmod

from .surveys_helpers import (  # noqa: F401
    anonymous,
    in_english,
    make_campaign,
    png_to_grey,
    surveys_env,
)

pytestmark = pytest.mark.usefixtures("surveys_env")

needs_tools = pytest.mark.skipif(
    pdfmod.chromium_path() is None or not shutil.which("pdftotext") or not shutil.which("pdftoppm"),
    reason="Chromium, pdftotext or pdftoppm is missing (apt-get install chromium poppler-utils); PDF poster test skipped",
)


@pytest.fixture
def campaign(people, framework):
    return make_campaign(people, framework)


def squash(text: str) -> str:
    return "".join(text.split())


def pdf_text(data: bytes, tmp_path) -> str:
    source = tmp_path / "poster.pdf"
    source.write_bytes(data)
    return subprocess.run(["pdftotext", "-layout", str(source), "-"], capture_output=True, check=True, text=True).stdout


def pdf_qr_codes(data: bytes, tmp_path) -> list[str]:
    """Page one drawn in grey at 150 dpi (a PGM), decoded with zxing-cpp."""
    source = tmp_path / "poster.pdf"
    source.write_bytes(data)
    subprocess.run(["pdftoppm", "-gray", "-r", "150", "-f", "1", "-l", "1", str(source), str(tmp_path / "page")], check=True)
    pgm = next(tmp_path.glob("page*.pgm")).read_bytes()
    magic, width, height, maxval, pixels = pgm.split(maxsplit=4)
    assert magic == b"P5" and maxval == b"255"
    image = memoryview(pixels[: int(width) * int(height)]).cast("B", (int(height), int(width)))
    return sorted(result.text for result in zxingcpp.read_barcodes(image))


def decode_png(data: bytes) -> str:
    width, height, pixels = png_to_grey(data)
    results = zxingcpp.read_barcodes(memoryview(pixels).cast("B", (height, width)))
    assert len(results) == 1
    return results[0].text


def poster_url(campaign, questionnaire: str = "") -> str:
    base = f"/app/a/{campaign.agency.code}/surveys/{campaign.fiscal_year}/"
    return f"{base}{questionnaire}/poster.pdf" if questionnaire else f"{base}poster.pdf"


@needs_tools
def test_the_pdf_poster_has_the_agency_both_links_and_readable_qr_codes(people, campaign, tmp_path):
    response = people.client("executive").get(poster_url(campaign))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    links = [f"http://testserver/s/{campaign.public_code}/{code}/" for code in ("eit", "iit")]
    flat = squash(pdf_text(response.content, tmp_path))
    assert squash(campaign.agency.name_th) in flat
    assert "ขอเชิญร่วมประเมินคุณธรรมและความโปร่งใส" in flat  # Thai, whatever the reader's language
    for link in links:
        assert link in flat
    assert pdf_qr_codes(response.content, tmp_path) == links
    # The PNG endpoint gives the same links, and they open the surveys.
    client = anonymous()
    for link in links:
        code = urlsplit(link).path.strip("/").split("/")[-1]
        assert decode_png(client.get(f"/s/{campaign.public_code}/{code}/qr.png").content) == link
        assert client.get(urlsplit(link).path).status_code == 200


@needs_tools
def test_a_pdf_poster_of_one_survey_has_only_its_link(people, campaign, tmp_path):
    response = in_english(people.client("admin")).get(poster_url(campaign, "eit"))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    flat = squash(pdf_text(response.content, tmp_path))
    assert f"/s/{campaign.public_code}/eit/" in flat and f"/s/{campaign.public_code}/iit/" not in flat
    assert squash(campaign.agency.name_th) in flat
    assert pdf_qr_codes(response.content, tmp_path) == [f"http://testserver/s/{campaign.public_code}/eit/"]


def test_without_chromium_the_answer_is_a_clear_503(people, campaign, monkeypatch):
    monkeypatch.setattr(pdfmod, "chromium_path", lambda: None)
    response = people.client("admin").get(poster_url(campaign))
    assert response.status_code == 503
    html = response.content.decode()
    assert "ไม่สามารถสร้าง PDF" in html and "Print the HTML poster from the browser instead" not in html  # Thai page
    client = people.client("admin")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get(poster_url(campaign)).content.decode()
    assert "Chromium is not installed" in html and "Print the HTML poster from the browser instead" in html


def test_the_campaign_page_links_to_the_pdf_posters(people, campaign):
    html = people.client("officer").get(f"/app/a/{campaign.agency.code}/surveys/{campaign.fiscal_year}/").content.decode()
    assert f'href="{poster_url(campaign)}"' in html and f'href="{poster_url(campaign, "iit")}"' in html


def test_outsiders_and_unknown_surveys_get_404(people, campaign):
    assert people.client("outsider").get(poster_url(campaign)).status_code == 404
    assert people.client("outsider").get(poster_url(campaign, "eit")).status_code == 404
    assert people.client("admin").get(poster_url(campaign, "oit")).status_code == 404
    assert people.client(None).get(poster_url(campaign)).status_code == 302
