"""What makes an e-mail to a client the firm's: its name, logo, colour and address around the
template's content, and the client's advisor — name and e-mail — signing it, in the client's
language. Applied when a client e-mail is accepted, so the ledger keeps the message exactly as
sent and a retry sends the same bytes.

The logo travels inside the message (`cid:firm-logo`, added by the e-mail channel), never as
a remote image a mail client would have to fetch. Every value from settings or the directory
is escaped into the HTML.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from html import escape
from pathlib import Path

import grpc
from clientflow.clients.v1 import clients_pb2, clients_pb2_grpc

from services.common.identity import SYSTEM_ACTOR
from services.notifications.templates import Content

log = logging.getLogger(__name__)

LOGO_CID = "firm-logo"
SIGNED = {"zh-CN": "您的专属顾问", "en": "Your advisor"}
SIGNATURE_TTL_SECONDS = 300.0
MAX_CACHED = 2000


@dataclass(frozen=True)
class Brand:
    name: str
    color: str
    address: str = ""
    logo: Path | None = None


@dataclass(frozen=True)
class Signature:
    name: str
    email: str


class Signatures:
    """The advisor's name and e-mail from the directory, kept a few minutes: a send must not
    pay a directory call, and a directory that is down only leaves the signature out."""

    def __init__(self, directory: clients_pb2_grpc.DirectoryServiceStub | None) -> None:
        self.directory = directory
        self._cache: dict[str, tuple[float, Signature | None]] = {}

    async def of(self, advisor_id: str | None) -> Signature | None:
        if not advisor_id or self.directory is None:
            return None
        now = time.monotonic()
        cached = self._cache.get(advisor_id)
        if cached is not None and now - cached[0] < SIGNATURE_TTL_SECONDS:
            return cached[1]
        try:
            person: clients_pb2.Person = await self.directory.GetPerson(
                clients_pb2.GetPersonRequest(user_id=advisor_id),
                metadata=SYSTEM_ACTOR.to_metadata(),
                timeout=3,
            )
            signature = Signature(person.name, person.email) if person.active else None
        except grpc.RpcError as error:
            if error.code() != grpc.StatusCode.NOT_FOUND:
                log.warning("no signature for %s: %s", advisor_id, error.code())
                return None  # not cached: the next send asks again
            signature = None
        if len(self._cache) >= MAX_CACHED:
            self._cache.clear()
        self._cache[advisor_id] = (now, signature)
        return signature


def branded(content: Content, locale: str, brand: Brand, signature: Signature | None) -> Content:
    """The content with the signature and the firm's footer in the text, and the HTML part
    (the template's, or its text as paragraphs) in the firm's layout."""
    lines = []
    if signature is not None:
        lines += [SIGNED.get(locale, SIGNED["en"]), signature.name, signature.email]
    lines += [brand.name, *([brand.address] if brand.address else [])]
    text = content.body_text.rstrip() + "\n\n-- \n" + "\n".join(x for x in lines if x)
    inner = content.body_html or _paragraphs(content.body_text)
    return Content(content.subject, text, _layout(inner, locale, brand, signature))


def _paragraphs(text: str) -> str:
    blocks = [b.strip() for b in text.strip().split("\n\n") if b.strip()]
    return "".join(f"<p>{escape(b).replace(chr(10), '<br>')}</p>" for b in blocks)


def _layout(inner: str, locale: str, brand: Brand, signature: Signature | None) -> str:
    color = escape(brand.color)
    name = escape(brand.name)
    logo = (
        f'<img src="cid:{LOGO_CID}" alt="{name}" height="40" style="vertical-align:middle">'
        if brand.logo
        else ""
    )
    sign = ""
    if signature is not None:
        mail = escape(signature.email)
        sign = (
            f'<p class="signature" style="margin-top:24px;border-top:1px solid #ddd;'
            f'padding-top:12px">{escape(SIGNED.get(locale, SIGNED["en"]))}<br>'
            f"<strong>{escape(signature.name)}</strong><br>"
            + (f'<a href="mailto:{mail}">{mail}</a>' if mail else "")
            + "</p>"
        )
    address = f"<br>{escape(brand.address)}" if brand.address else ""
    return (
        f'<!DOCTYPE html><html lang="{escape(locale)}"><head><meta charset="utf-8">'
        f"<title>{name}</title></head>"
        f'<body style="margin:0;font-family:sans-serif;color:#222">'
        f'<div class="firm" style="background:{color};color:#fff;padding:12px 20px">'
        f'{logo} <span class="firm-name" style="font-size:18px;font-weight:bold">{name}</span>'
        f"</div>"
        f'<div class="content" style="padding:20px">{inner}{sign}</div>'
        f'<div class="footer" style="padding:12px 20px;color:#666;font-size:12px">'
        f"{name}{address}</div></body></html>"
    )
