"""iCalendar (RFC 5545) text for the agency's calendar. Pure: no database."""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Iterable

CRLF = "\r\n"


def escape(text: str) -> str:
    """TEXT value escaping (RFC 5545 3.3.11)."""
    return (
        text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\r\n", "\n").replace("\n", "\\n")
    )


def _clusters(line: str) -> list[str]:
    """Characters with their combining marks (Thai vowels above/below, tone marks) kept together."""
    clusters: list[str] = []
    for char in line:
        if clusters and (unicodedata.category(char) == "Mn" or char == "\u0e33"):  # ำ joins too
            clusters[-1] += char
        else:
            clusters.append(char)
    return clusters


def fold(line: str) -> str:
    """Fold a content line at 75 octets (RFC 5545 3.1), never inside a UTF-8 character and,
    so that a reader of the raw file sees whole syllables, never before a combining mark."""
    out, current, size = [], "", 0
    for char in _clusters(line):
        width = len(char.encode("utf-8"))
        limit = 75 if not out else 74  # continuation lines start with one space
        if size + width > limit:
            out.append(current)
            current, size = "", 0
        current += char
        size += width
    out.append(current)
    return (CRLF + " ").join(out)


def _stamp(value: dt.datetime) -> str:
    return value.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def calendar_text(events: Iterable, *, name: str, domain: str = "prongsai", now: dt.datetime | None = None) -> str:
    """EVENTS need uid, title, start (date or aware datetime), end, description, url."""
    now = now or dt.datetime.now(dt.UTC)
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Prongsai//Plans calendar//TH",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape(name)}",
        "X-WR-TIMEZONE:Asia/Bangkok",
    ]
    for event in events:
        lines += ["BEGIN:VEVENT", f"UID:{event.uid}@{domain}", f"DTSTAMP:{_stamp(now)}"]
        if isinstance(event.start, dt.datetime):
            lines.append(f"DTSTART:{_stamp(event.start)}")
            end = event.end or event.start + dt.timedelta(hours=1)
            lines.append(f"DTEND:{_stamp(end)}")
        else:
            end = (event.end or event.start) + dt.timedelta(days=1)  # DTEND of a date is exclusive
            lines.append(f"DTSTART;VALUE=DATE:{event.start:%Y%m%d}")
            lines.append(f"DTEND;VALUE=DATE:{end:%Y%m%d}")
        lines.append(f"SUMMARY:{escape(event.title)}")
        if event.description:
            lines.append(f"DESCRIPTION:{escape(event.description)}")
        if event.url:
            lines.append(f"URL:{event.url}")
        lines.append(f"CATEGORIES:{escape(event.kind.upper())}")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return CRLF.join(fold(line) for line in lines) + CRLF
