"""The parts of a captured e-mail Clientflow reads: its text (an HTML-only body sanitised to
text with `nh3`: no markup, scripts or remote content kept), the attachments worth keeping
(PDF, PNG or JPEG by their first bytes, never by name; 10 MB each, ten a message) and a
calendar's answer to an invitation (iCalendar METHOD:REPLY, 64 KB at most). All untrusted."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from email.message import EmailMessage
from typing import Any

import icalendar
import nh3

from services.common.uploads import MAX_UPLOAD, display_name, sniff

MAX_ATTACHMENTS = 10
MAX_CALENDAR_BYTES = 64 * 1024
BLOCK_END = re.compile(r"<\s*(br|/p|/div|/li|/tr|/h[1-6])\b[^>]*>", re.IGNORECASE)


def text_of(message: EmailMessage) -> str:
    """The plain-text body; an HTML-only one sanitised down to its text."""
    plain = message.get_body(preferencelist=("plain",))
    if plain is not None:
        return _decoded(plain)
    rich = message.get_body(preferencelist=("html",))
    if rich is None:
        return ""
    marked = BLOCK_END.sub("\n", _decoded(rich))
    return html.unescape(nh3.clean(marked, tags=set()))


def _decoded(part: Any) -> str:
    """A part's text in its declared charset; undeclared 8-bit text as UTF-8, else GB18030
    (mail from mainland clients often is), else Latin-1 (which decodes anything)."""
    payload = part.get_payload(decode=True) or b""
    declared = part.get_content_charset()
    for charset in ([declared] if declared else []) + ["utf-8", "gb18030", "latin-1"]:
        try:
            return str(payload.decode(charset))
        except (LookupError, UnicodeDecodeError):
            continue
    return ""


@dataclass(frozen=True)
class File:
    name: str
    content: bytes


@dataclass(frozen=True)
class CalendarReply:
    uid: str
    partstat: str  # ACCEPTED | DECLINED | TENTATIVE | …


def calendar_replies(message: EmailMessage) -> list[CalendarReply]:
    """A calendar's answer to an invitation (iCalendar METHOD:REPLY), from any part."""
    found: list[CalendarReply] = []
    for part in message.walk():
        if part.get_content_type() != "text/calendar":
            continue
        raw = part.get_payload(decode=True) or b""
        if not isinstance(raw, bytes) or len(raw) > MAX_CALENDAR_BYTES:
            continue
        try:
            calendar = icalendar.Calendar.from_ical(raw)
        except (ValueError, KeyError, IndexError, TypeError):
            continue  # not a calendar after all: the message is still captured
        if str(calendar.get("method", "")).upper() != "REPLY":
            continue
        for event in calendar.walk("VEVENT")[:5]:
            attendee = event.get("attendee")
            first = attendee[0] if isinstance(attendee, list) and attendee else attendee
            partstat = str(getattr(first, "params", {}).get("PARTSTAT", "")).upper()
            uid = str(event.get("uid", ""))[:300]
            if uid and partstat:
                found.append(CalendarReply(uid, partstat[:20]))
    return found[:5]


def attachments_of(message: EmailMessage) -> tuple[list[File], list[str]]:
    """(files to keep, names of those not kept with why)."""
    kept: list[File] = []
    refused: list[str] = []
    for part in message.iter_attachments():
        name = display_name(part.get_filename() or "attachment")
        content = part.get_payload(decode=True) or b""
        if not isinstance(content, bytes) or sniff(content) is None:
            refused.append(f"{name} (not a PDF, PNG or JPEG)")
        elif len(content) > MAX_UPLOAD:
            refused.append(f"{name} (over 10 MB)")
        elif len(kept) >= MAX_ATTACHMENTS:
            refused.append(f"{name} (over {MAX_ATTACHMENTS} files)")
        else:
            kept.append(File(name, content))
    return kept, refused
