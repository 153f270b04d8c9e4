"""A mailbox synchronised over IMAP against a real Dovecot: an advisor connects their mailbox
through the gateway (the password never comes back and is sealed at rest), a client's reply in
it reaches the client's timeline once however often it is synced, mail about no client is not
stored, a wrong password is kept as the mailbox's error,
a correspondent the advisor excludes is captured no more, and a port outside the allow-list
is refused."""

from __future__ import annotations

import shutil
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from clientflow.clients.v1 import clients_pb2
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from tests.imap_support import IMAP_PORT, ImapServer, dovecot, dovecot_binary
from tests.support import Stack, create_client, token


@pytest.fixture
def imap() -> Iterator[ImapServer]:
    if not dovecot_binary():
        pytest.skip("Debian's dovecot-imapd is not installed")
    # Not pytest's tmp_path: Dovecot's own users must reach the files (its parents are 0700).
    root = Path(tempfile.mkdtemp(prefix="clientflow-imap-"))
    root.chmod(0o755)
    try:
        with dovecot(root) as server:
            yield server
    finally:
        shutil.rmtree(root, ignore_errors=True)


def message(sender: str, to: str, subject: str, message_id: str, body: str) -> bytes:
    return (
        f"From: {sender}\r\nTo: {to}\r\nSubject: {subject}\r\nMessage-ID: <{message_id}>\r\n"
        f"Date: Mon, 07 Dec 2026 10:00:00 +0800\r\n\r\n{body}\r\n"
    ).encode()


async def test_a_connected_mailbox_puts_client_mail_on_the_timeline_once(
    imap: ImapServer, gateway: httpx.AsyncClient, stack: Stack, engine: AsyncEngine
) -> None:
    suffix = uuid.uuid4().hex[:8]
    advisor = f"adv-imap{suffix}"
    me = token(advisor, "advisor")
    address = f"li-{suffix}@example.com"
    client = await create_client(
        stack.services.clients, advisor_id=advisor, fields=clients_pb2.ClientFields(email=address)
    )
    password = f"pw-{suffix}"
    imap.add_user(advisor, password)
    mine = f"{advisor}@firm.example"
    imap.deliver(
        advisor, password, message(address, mine, "关于赎回", f"r-{suffix}@ex", "想赎回一半")
    )
    imap.deliver(
        advisor,
        password,
        message(f"x-{suffix}@spam.example", mine, "offer", f"s-{suffix}@ex", "buy"),
    )

    wide = await gateway.put(
        "/v1/me/mailbox",
        headers=me,
        json={
            "host": "127.0.0.1",
            "port": 22,
            "security": "none",
            "username": advisor,
            "password": "x",
        },
    )
    assert wide.status_code == 400 and "port" in wide.text
    connected = await gateway.put(
        "/v1/me/mailbox",
        headers=me,
        json={
            "host": "127.0.0.1",
            "port": IMAP_PORT,
            "security": "none",
            "username": advisor,
            "password": password,
        },
    )
    assert connected.status_code == 200, connected.text
    assert "password" not in connected.json()
    synced = await gateway.post("/v1/me/mailbox:sync", headers=me)
    assert synced.status_code == 200, synced.text
    assert synced.json() | {"error": ""} == {
        "fetched": 2,
        "captured": 1,
        "duplicates": 0,
        "no_client": 1,
        "error": "",
    }
    imap.deliver(
        advisor, password, message(mine, address, "Re: 关于赎回", f"a-{suffix}@ex", "好的")
    )
    again = (await gateway.post("/v1/me/mailbox:sync", headers=me)).json()
    assert (again["fetched"], again["captured"]) == (1, 1)  # only what is new
    assert (await gateway.post("/v1/me/mailbox:sync", headers=me)).json()["fetched"] == 0

    timeline = await gateway.get(f"/v1/clients/{client.id}/interactions", headers=me)
    emails = [i for i in timeline.json()["items"] if i["channel"] == "email"]
    assert sorted((i["direction"], i["summary"]) for i in emails) == [
        ("inbound", "关于赎回\n想赎回一半"),
        ("outbound", "Re: 关于赎回\n好的"),
    ]
    # A correspondent the advisor keeps out: their mail is no longer captured.
    excluded = await gateway.put(
        "/v1/me/mailbox/exclusions", headers=me, json={"addresses": [address.upper()]}
    )
    assert excluded.status_code == 200 and excluded.json()["excluded_addresses"] == [address]
    imap.deliver(advisor, password, message(address, mine, "私事", f"p-{suffix}@ex", "私人"))
    private = (await gateway.post("/v1/me/mailbox:sync", headers=me)).json()
    assert (private["fetched"], private["captured"], private["no_client"]) == (1, 0, 1)
    bad = await gateway.put(
        "/v1/me/mailbox/exclusions", headers=me, json={"addresses": ["not-an-address"]}
    )
    assert bad.status_code == 400 and "addresses[0]" in bad.text

    async with engine.connect() as connection:
        sealed = await connection.scalar(
            text("SELECT password FROM clients.mailboxes WHERE owner_id = :o"), {"o": advisor}
        )
        strangers = await connection.scalar(
            text("SELECT count(*) FROM clients.captured_messages WHERE message_key = :k"),
            {"k": f"s-{suffix}@ex"},
        )
    assert password not in sealed and strangers == 0

    wrong = await gateway.put(
        "/v1/me/mailbox",
        headers=me,
        json={
            "host": "127.0.0.1",
            "port": IMAP_PORT,
            "security": "none",
            "username": advisor,
            "password": "wrong",
        },
    )
    assert wrong.status_code == 200
    failed = (await gateway.post("/v1/me/mailbox:sync", headers=me)).json()
    assert failed["fetched"] == 0 and failed["error"]
    assert (await gateway.get("/v1/me/mailbox", headers=me)).json()["last_error"]
    assert (await gateway.delete("/v1/me/mailbox", headers=me)).status_code == 200
    assert (await gateway.get("/v1/me/mailbox", headers=me)).status_code == 404
