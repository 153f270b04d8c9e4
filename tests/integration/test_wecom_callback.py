"""WeCom's callback through the gateway, with a stub that encrypts and signs as WeCom's
documentation says (written here independently of the gateway's code): the URL verification
answers the decrypted echostr; a text message from a client's WeCom id reaches their timeline
once (delivered twice, WeCom's retry, still once); a wrong signature, a stale timestamp and a
message for another corp are refused; a message from no known contact stores nothing."""

from __future__ import annotations

import base64
import hashlib
import os
import struct
import time
import uuid
from collections.abc import AsyncIterator

import httpx
import pytest
from clientflow.clients.v1 import clients_pb2
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

from tests.support import Stack, create_client, token

TOKEN = "QDG6eK"
AES_KEY = "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C"
CORP = "wx5823bf96d3bd56c7"


def wecom_encrypt(message: str, receiver: str = CORP) -> str:
    key = base64.b64decode(AES_KEY + "=")
    body = message.encode()
    plain = os.urandom(16) + struct.pack(">I", len(body)) + body + receiver.encode()
    pad = 32 - len(plain) % 32
    plain += bytes([pad]) * pad
    encryptor = Cipher(algorithms.AES(key), modes.CBC(key[:16])).encryptor()
    return base64.b64encode(encryptor.update(plain) + encryptor.finalize()).decode()


def wecom_sign(timestamp: str, nonce: str, encrypted: str) -> str:
    return hashlib.sha1("".join(sorted([TOKEN, timestamp, nonce, encrypted])).encode()).hexdigest()


def query(encrypted: str, *, age: int = 0, sign: bool = True) -> dict[str, str]:
    timestamp, nonce = str(int(time.time()) - age), uuid.uuid4().hex[:10]
    signature = wecom_sign(timestamp, nonce, encrypted) if sign else "0" * 40
    return {"msg_signature": signature, "timestamp": timestamp, "nonce": nonce}


@pytest.fixture
async def wecom_gateway(stack: Stack) -> AsyncIterator[httpx.AsyncClient]:
    from services.gateway.app import create_app

    settings = stack.settings.model_copy(
        update={
            "wecom_callback_token": TOKEN,
            "wecom_callback_aes_key": AES_KEY,
            "wecom_corp_id": CORP,
        }
    )
    app = create_app(settings, stack.services)
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://gateway"
    ) as client:
        yield client


async def test_a_wecom_message_from_a_client_reaches_the_timeline_once(
    wecom_gateway: httpx.AsyncClient, gateway: httpx.AsyncClient, stack: Stack
) -> None:
    suffix = uuid.uuid4().hex[:8]
    advisor, external = f"adv-wc{suffix}", f"wm{suffix}"
    client = await create_client(
        stack.services.clients,
        advisor_id=advisor,
        fields=clients_pb2.ClientFields(wecom_id=external),
    )
    echo = wecom_encrypt("echo-1234")
    verified = await wecom_gateway.get(
        "/v1/wecom/callback", params={**query(echo), "echostr": echo}
    )
    assert verified.status_code == 200 and verified.text == "echo-1234"
    assert (
        await gateway.get("/v1/wecom/callback", params={**query(echo), "echostr": echo})
    ).status_code == 404  # not configured there

    def envelope(inner: str) -> tuple[bytes, str]:
        encrypted = wecom_encrypt(inner)
        return (
            f"<xml><ToUserName>{CORP}</ToUserName><Encrypt>{encrypted}</Encrypt></xml>".encode(),
            encrypted,
        )

    text = (
        f"<xml><ToUserName>{CORP}</ToUserName><FromUserName>{external}</FromUserName>"
        f"<CreateTime>{int(time.time())}</CreateTime><MsgType>text</MsgType>"
        f"<Content>下周三可以见面聊</Content><MsgId>{suffix}01</MsgId></xml>"
    )
    body, encrypted = envelope(text)
    for _ in range(2):  # WeCom retries until it hears "success"
        sent = await wecom_gateway.post("/v1/wecom/callback", params=query(encrypted), content=body)
        assert sent.status_code == 200 and sent.text == "success", sent.text

    assert (
        await wecom_gateway.post(
            "/v1/wecom/callback", params=query(encrypted, sign=False), content=body
        )
    ).status_code == 400
    assert (
        await wecom_gateway.post(
            "/v1/wecom/callback", params=query(encrypted, age=900), content=body
        )
    ).status_code == 400
    other = wecom_encrypt(text, receiver="wx-another-corp")
    foreign = f"<xml><Encrypt>{other}</Encrypt></xml>".encode()
    assert (
        await wecom_gateway.post("/v1/wecom/callback", params=query(other), content=foreign)
    ).status_code == 400
    stranger, stranger_encrypted = envelope(
        text.replace(external, f"nobody{suffix}").replace(f"{suffix}01", f"{suffix}02")
    )
    assert (
        await wecom_gateway.post(
            "/v1/wecom/callback", params=query(stranger_encrypted), content=stranger
        )
    ).text == "success"

    timeline = await gateway.get(
        f"/v1/clients/{client.id}/interactions", headers=token(advisor, "advisor")
    )
    chats = [i for i in timeline.json()["items"] if i["channel"] == "wechat"]
    assert [(c["direction"], c["summary"]) for c in chats] == [("inbound", "下周三可以见面聊")]
