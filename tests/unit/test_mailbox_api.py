"""The dev mail catcher's lookup API: Mailpit's search by Message-ID, over the .eml files it
keeps (rebuilt from the folder when it restarts)."""

from __future__ import annotations

from pathlib import Path

import httpx

from services.devstack.mailbox import MailboxHandler, api, message_id_of
from services.notifications.channels.email import message_id

KEY = "report/2026Q4/client-1"


def test_message_ids_are_read_from_the_headers_only() -> None:
    raw = b"From: a@x\r\nMessage-ID: <abc@clientflow.local>\r\n\r\nMessage-ID: <body@x>\r\n"
    assert message_id_of(raw) == "abc@clientflow.local"
    assert message_id_of(b"Subject: none\r\n\r\nMessage-ID: <body@x>") == ""


async def test_search_by_message_id_survives_a_restart(tmp_path: Path) -> None:
    wanted = message_id(KEY, "clientflow.local")
    (tmp_path / "20261207T080000-00001-a@example.com.eml").write_bytes(
        f"To: a@example.com\r\nMessage-ID: {wanted}\r\nSubject: hi\r\n\r\nbody\r\n".encode()
    )
    transport = httpx.ASGITransport(app=api(MailboxHandler(tmp_path)))
    async with httpx.AsyncClient(transport=transport, base_url="http://mail") as http:
        found = (
            await http.get("/api/v1/search", params={"query": f'message-id:"{wanted.strip("<>")}"'})
        ).json()
        assert found["messages_count"] == 1
        assert found["messages"][0]["MessageID"] == wanted.strip("<>")
        other = message_id("another-key", "clientflow.local").strip("<>")
        none = await http.get("/api/v1/search", params={"query": f"message-id:{other}"})
        assert none.json()["messages"] == []
        refused = await http.get("/api/v1/search", params={"query": "subject:hi"})
        assert refused.status_code == 400 and "message-id" in refused.text
        assert (await http.get("/livez")).status_code == 200
