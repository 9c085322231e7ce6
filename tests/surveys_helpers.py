"""Factories and helpers shared by the tests/test_surveys_*.py modules."""

from __future__ import annotations

import struct
import zlib

from django.test import Client

from frameworks.models import Questionnaire
from surveys import services
from surveys.models import Campaign
from surveys.questionnaires import field_name, survey_load


def make_campaign(people, framework, **kwargs) -> Campaign:
    kwargs.setdefault("agency", people.agency)
    kwargs.setdefault("fiscal_year", framework.fiscal_year)
    kwargs.setdefault("eligible_staff", 12)
    kwargs.setdefault("service_users", 500)
    status = kwargs.pop("status", Campaign.Status.OPEN)
    campaign = services.campaign_create(actor=people.admin, framework=framework, **kwargs)
    if status == Campaign.Status.OPEN:
        services.campaign_set_status(actor=people.admin, campaign=campaign, status=status)
    return campaign


def questionnaire(campaign: Campaign, code: str) -> Questionnaire:
    return Questionnaire.objects.select_related("version", "tool").get(version=campaign.framework, code=code)


def full_answers(campaign: Campaign, code: str, pick: int = -1) -> dict[str, str]:
    """Answer every row with option PICK of its scale (default: the last one)."""
    survey = survey_load(questionnaire(campaign, code))
    return {
        row.row.node_id: row.choices[pick][0] for screen in survey.screens for q in screen.questions for row in q.rows
    }


def form_data(answers: dict[str, str], **extra) -> dict[str, str]:
    data = {field_name(row_id): value for row_id, value in answers.items()}
    data["stage"] = "answers"
    data.update(extra)
    return data


def print_codes(campaign: Campaign, code: str = "iit", count: int = 1, actor=None) -> list[str]:
    """Codes as a print run hands them out (the database keeps only their digests)."""
    return services.access_codes_print(actor=actor, campaign=campaign, questionnaire_code=code, count=count)[1]


def unused_code(campaign: Campaign, code: str = "iit") -> str:
    return print_codes(campaign, code)[0]


def release_all(campaign: Campaign) -> None:
    """What the close does: every waiting answer into the results (tests that need scores now)."""
    from surveys.questionnaires import questionnaires_of

    for q in questionnaires_of(campaign.framework):
        services.responses_release(campaign=campaign, questionnaire_code=q.code, final=True)


def anonymous(**kwargs) -> Client:
    """A respondent's browser; English unless LANG says otherwise, so assertions read easily."""
    kwargs.setdefault("HTTP_ACCEPT_LANGUAGE", kwargs.pop("lang", "en"))
    return Client(REMOTE_ADDR=kwargs.pop("ip", "203.0.113.9"), **kwargs)


def in_english(client: Client) -> Client:
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def png_to_grey(data: bytes) -> tuple[int, int, bytes]:
    """Decode a non-interlaced greyscale or palette PNG (what segno writes) to 8-bit grey pixels."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, palette = 8, b"", None
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos:pos + 4])
        kind, body = data[pos + 4:pos + 8], data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", body)
        elif kind == b"PLTE":
            palette = [sum(body[i:i + 3]) // 3 for i in range(0, len(body), 3)]
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    assert colour in (0, 3) and interlace == 0 and depth in (1, 2, 4, 8)
    raw = zlib.decompress(idat)
    stride = (width * depth + 7) // 8
    bpp = max(1, depth // 8)
    prev = bytearray(stride)
    pixels = bytearray()
    for y in range(height):
        filter_type = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            if filter_type == 1:
                line[i] = (line[i] + a) & 255
            elif filter_type == 2:
                line[i] = (line[i] + b) & 255
            elif filter_type == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif filter_type == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        prev = line
        per_byte = 8 // depth
        for x in range(width):
            if depth == 8:
                value = line[x]
            else:
                byte = line[x // per_byte]
                shift = 8 - depth * (x % per_byte + 1)
                value = (byte >> shift) & ((1 << depth) - 1)
            if palette is not None:
                value = palette[value]
            elif depth < 8:
                value = value * 255 // ((1 << depth) - 1)
            pixels.append(value)
    return width, height, bytes(pixels)


import pytest  # noqa: E402
from django.core.cache import cache  # noqa: E402


@pytest.fixture(autouse=False)
def surveys_env(settings):
    """Cheap proof of work and a clean cache (limits and one-time tokens) for each test."""
    settings.SURVEYS_POW_BITS = 4
    cache.clear()
    yield settings
    cache.clear()


def stored() -> int:
    """Answers stored: waiting for their batch or released."""
    from surveys.models import PendingResponse, Response

    return Response.objects.count() + PendingResponse.objects.count()


def stored_one():
    """The one stored answer, after releasing whatever waits (as the close would)."""
    from surveys.models import PendingResponse, Response

    for campaign in Campaign.objects.filter(pk__in=PendingResponse.objects.values("campaign")):
        release_all(campaign)
    return Response.objects.get()


def code_unused(campaign: Campaign, code: str, questionnaire_code: str = "iit") -> bool:
    from surveys.codes import access_code_digest
    from surveys.models import AccessCode

    digest = access_code_digest(services.code_scope(campaign, questionnaire_code), code)
    return AccessCode.objects.filter(digest=digest).exists()
