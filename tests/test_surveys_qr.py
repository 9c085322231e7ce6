"""QR codes decode (with a real decoder, zxing-cpp) to the public link, and the link works."""

from urllib.parse import urlsplit

import pytest
import zxingcpp

from .surveys_helpers import anonymous, make_campaign, png_to_grey, surveys_env  # noqa: F401

pytestmark = pytest.mark.usefixtures("surveys_env")


def decode_png(data: bytes) -> str:
    width, height, pixels = png_to_grey(data)
    image = memoryview(pixels).cast("B", (height, width))
    results = zxingcpp.read_barcodes(image)
    assert len(results) == 1, "expected exactly one QR code"
    return results[0].text


@pytest.mark.parametrize("code", ["iit", "eit"])
def test_the_png_qr_code_decodes_to_a_working_survey_link(people, framework, code):
    campaign = make_campaign(people, framework)
    client = anonymous()
    png = client.get(f"/s/{campaign.public_code}/{code}/qr.png")
    assert png.status_code == 200 and png["Content-Type"] == "image/png"
    url = decode_png(png.content)
    assert url == f"http://testserver/s/{campaign.public_code}/{code}/"
    page = client.get(urlsplit(url).path)
    assert page.status_code == 200
    assert campaign.agency.name_th in page.content.decode()


def test_the_svg_qr_code_is_served_and_downloadable(people, framework):
    campaign = make_campaign(people, framework)
    svg = anonymous().get(f"/s/{campaign.public_code}/eit/qr.svg?download=1")
    assert svg.status_code == 200 and svg["Content-Type"] == "image/svg+xml"
    assert svg.content.lstrip().startswith(b"<svg") and b"/eit/" in svg.content
    assert svg["Content-Disposition"] == f'attachment; filename="{campaign.public_code}-eit.svg"'


def test_unknown_codes_and_formats_answer_404(people, framework):
    campaign = make_campaign(people, framework)
    client = anonymous()
    assert client.get("/s/nosuch/iit/qr.png").status_code == 404
    assert client.get(f"/s/{campaign.public_code}/oit/qr.png").status_code == 404
    assert client.get(f"/s/{campaign.public_code}/iit/qr.gif").status_code == 404
