"""Signed survey links: a client answers a survey from a link in a message, with no account
and no sign-in. The link carries the process that asked (its workflow id), which survey
(nps | csat), the round and an expiry, signed with HMAC-SHA256 under a key derived from
CLIENTFLOW_INTERNAL_SECRET for this purpose only. The process itself keeps it to one answer
per invitation (its Update refuses a second)."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
from dataclasses import dataclass

from services.common.errors import Unauthenticated

SURVEYS = ("nps", "csat")


@dataclass(frozen=True)
class SurveyLink:
    workflow_id: str
    survey: str
    round: int
    expires: int


def _key(secret: str) -> bytes:
    return hashlib.sha256(b"clientflow survey link\x00" + secret.encode()).digest()


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def sign(secret: str, workflow_id: str, survey: str, round: int, ttl_days: int) -> str:
    payload = {
        "w": workflow_id,
        "s": survey,
        "r": round,
        "e": int(time.time()) + ttl_days * 86400,
    }
    body = _b64(json.dumps(payload, separators=(",", ":")).encode())
    mac = _b64(hmac.new(_key(secret), body.encode(), hashlib.sha256).digest())
    return f"{body}.{mac}"


def verify(secret: str, token: str) -> SurveyLink:
    """The link's content, or Unauthenticated (forged, altered, expired or malformed)."""
    refused = Unauthenticated("the survey link is not valid (or has expired)")
    if len(token) > 1000 or token.count(".") != 1:
        raise refused
    body, mac = token.split(".")
    expected = _b64(hmac.new(_key(secret), body.encode(), hashlib.sha256).digest())
    if not hmac.compare_digest(expected, mac):
        raise refused
    try:
        payload = json.loads(_unb64(body))
        link = SurveyLink(
            str(payload["w"]), str(payload["s"]), int(payload["r"]), int(payload["e"])
        )
    except (ValueError, KeyError, TypeError):
        raise refused from None
    if link.survey not in SURVEYS or link.expires < time.time():
        raise refused
    return link
