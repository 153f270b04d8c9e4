"""/v1/wecom/callback: WeCom's callback URL. GET is WeCom's URL verification (the decrypted
echostr answered); POST delivers a message from an external contact, encrypted and signed
(`wecom_crypto.py`): refused unless the signature holds and the timestamp is within five
minutes, then a text, image or file message is captured onto the client whose wecom_id sent
it, once per MsgId (the clients service's CaptureService). No bearer token: the signature
with the app's secret Token is the authority, as WeCom defines it."""

from __future__ import annotations

import time
from datetime import UTC, datetime
from typing import Annotated

from clientflow.clients.v1 import clients_pb2
from defusedxml import ElementTree
from fastapi import APIRouter, HTTPException, Query, Request, Response
from google.protobuf.timestamp_pb2 import Timestamp

from services.common.identity import Actor, Role
from services.gateway.deadlines import POINT
from services.gateway.deps import service_clients
from services.gateway.settings import GatewaySettings
from services.gateway.wecom_crypto import WeComCryptoError, decrypt, verify

router = APIRouter(tags=["wecom"])
WECOM = Actor(user_id="system:wecom", roles=frozenset({Role.SERVICE}))
WINDOW_SECONDS = 300
MAX_BODY = 64 * 1024
Param = Annotated[str, Query(min_length=1, max_length=128)]
ANSWERS: dict[int | str, dict[str, object]] = {
    200: {"content": {"text/plain": {}}, "description": "WeCom's expected answer"},
    400: {"description": "Not a WeCom message: signature, time window, receiver or XML"},
    404: {"description": "WeCom callbacks are not configured"},
}


def _settings(request: Request) -> GatewaySettings:
    settings: GatewaySettings = request.app.state.settings
    if not (settings.wecom_callback_token and settings.wecom_callback_aes_key):
        raise HTTPException(404, "WeCom callbacks are not configured")
    return settings


def _checked(
    settings: GatewaySettings, signature: str, timestamp: str, nonce: str, data: str
) -> str:
    try:
        sent = int(timestamp)
    except ValueError:
        raise HTTPException(400, "timestamp must be seconds since the epoch") from None
    if abs(time.time() - sent) > WINDOW_SECONDS:
        raise HTTPException(400, "timestamp is outside the five-minute window (a replay?)")
    try:
        verify(settings.wecom_callback_token, timestamp, nonce, data, signature)
        return decrypt(settings.wecom_callback_aes_key, data, settings.wecom_corp_id)
    except WeComCryptoError as error:
        raise HTTPException(400, f"not a WeCom message: {error}") from None


@router.get("/v1/wecom/callback", response_class=Response, responses=ANSWERS)
async def verify_url(
    request: Request,
    msg_signature: Param,
    timestamp: Param,
    nonce: Param,
    echostr: Annotated[str, Query(min_length=1, max_length=1024)],
) -> Response:
    """WeCom's URL verification: the decrypted echostr."""
    settings = _settings(request)
    return Response(
        _checked(settings, msg_signature, timestamp, nonce, echostr), media_type="text/plain"
    )


@router.post(
    "/v1/wecom/callback",
    response_class=Response,
    responses={**ANSWERS, 413: {"description": "The body is larger than 64 KB"}},
)
async def receive(
    request: Request, msg_signature: Param, timestamp: Param, nonce: Param
) -> Response:
    settings = _settings(request)
    body = await request.body()
    if len(body) > MAX_BODY:
        raise HTTPException(413, f"the body is larger than {MAX_BODY} bytes")
    try:
        encrypted = ElementTree.fromstring(body).findtext("Encrypt") or ""
    except Exception:
        raise HTTPException(400, "the body is not WeCom's XML") from None
    plain = _checked(settings, msg_signature, timestamp, nonce, encrypted)
    try:
        message = ElementTree.fromstring(plain)
    except Exception:
        raise HTTPException(400, "the decrypted message is not XML") from None
    kind = message.findtext("MsgType") or ""
    if kind not in ("text", "image", "file"):
        return Response("success", media_type="text/plain")  # events and others: not captured
    sent = Timestamp()
    created = message.findtext("CreateTime") or ""
    sent.FromDatetime(
        datetime.fromtimestamp(int(created), UTC) if created.isdigit() else datetime.now(UTC)
    )
    text = message.findtext("Content") or message.findtext("FileName") or ""
    await service_clients(request).capture.CaptureChatMessage(
        clients_pb2.ChatMessage(
            channel="wecom",
            external_id=(message.findtext("FromUserName") or "")[:64],
            message_id=(message.findtext("MsgId") or "")[:200],
            kind=kind,
            text=text[:5000],
            sent_at=sent,
        ),
        metadata=WECOM.to_metadata(),
        timeout=POINT,
    )
    return Response("success", media_type="text/plain")
