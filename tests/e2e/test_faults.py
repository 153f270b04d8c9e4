"""Faults under work on `clientflow dev`: the notifications process is killed outright in
the middle of a storm of sends, the mail server frozen and thawed, the worker killed — while
callers keep sending (retrying each message with its idempotency key, as a real caller does,
when told 503) and processes keep starting. Afterwards every message was delivered exactly
once with no person involved (a send the kill cut off is settled by asking the mail
catcher's lookup API), and every process finished."""

from __future__ import annotations

import signal
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import psutil

from tests.e2e.devstack import DevStack


def child(dev: DevStack, name: str) -> psutil.Process:
    [found] = [c for c in dev.descendants() if c.cmdline()[-2:] == ["services.cli", name]]
    return found


def mailbox(dev: DevStack) -> psutil.Process:
    [found] = [c for c in dev.descendants() if "services.devstack.mailbox" in c.cmdline()]
    return found


def test_kills_and_freezes_lose_nothing_and_double_nothing(dev: DevStack) -> None:
    admin = {"Authorization": f"Bearer {dev.start()}"}
    mail_dir = Path(dev.workdir / ".clientflow" / "mail")
    with httpx.Client(base_url=dev.api, timeout=20, headers=admin) as http:
        put = http.put(
            "/v1/templates/fault-hello/zh-CN",
            json={"content": {"subject": "Hello {{ n }}", "body_text": "message {{ n }}"}},
        )
        assert put.status_code == 200, put.text
        client = http.post("/v1/clients", json={"name": "故障测试", "advisor_id": "adv-f"})
        client_id = client.json()["id"]

        refused: list[int] = []

        def send(n: int) -> dict[str, object]:
            """Until the ledger has it: a 503 (or a dropped connection) is retried, same key."""
            deadline = time.monotonic() + 60
            while True:
                try:
                    answer = http.post(
                        "/v1/notifications",
                        json={
                            "idempotency_key": f"fault/{n}",
                            "address": {"channel": "email", "value": f"r{n}@example.com"},
                            "template_key": "fault-hello",
                            "variables": {"n": n},
                        },
                    )
                    if answer.status_code == 200:
                        body: dict[str, object] = answer.json()
                        return body
                    assert answer.status_code == 503, answer.text
                    assert "Retry-After" in answer.headers
                    refused.append(n)
                except httpx.TransportError:
                    refused.append(n)
                assert time.monotonic() < deadline, f"message {n} never accepted"
                time.sleep(0.3)

        processes: list[str] = []
        storm = range(100, 124)
        pool = ThreadPoolExecutor(8)
        for n in range(30):
            if n == 8:
                # A storm of concurrent sends, and the kill lands in the middle of it.
                sending = [pool.submit(send, m) for m in storm]
                time.sleep(0.1)
                child(dev, "notifications").send_signal(signal.SIGKILL)
                for future in sending:
                    future.result()
            if n == 16:
                mailbox(dev).send_signal(signal.SIGSTOP)
                # An optional helper down: named on /readyz, not counted against readiness.
                ready = http.get("/readyz").json()
                assert ready["optional"] == {"mail": "NOT_SERVING"}, ready
            if n == 19:
                mailbox(dev).send_signal(signal.SIGCONT)
            if n == 22:
                child(dev, "worker").send_signal(signal.SIGKILL)
            send(n)
            if n % 10 == 0:
                started = http.post(
                    f"/v1/clients/{client_id}/processes",
                    json={"kind": "client-check", "parameters": {}},
                )
                if started.status_code == 202:
                    processes.append(started.json()["workflow_id"])
                else:
                    assert started.status_code in (409, 503), started.text

        pool.shutdown()
        # Everything settles (a send cut off and never repeated by its caller is looked up
        # by the dispatcher after two minutes).
        deadline = time.monotonic() + 200
        while True:
            ledger = [
                http.get("/v1/notifications", params={"status": status, "page_size": 200}).json()[
                    "items"
                ]
                for status in ("accepted", "deferred", "sending", "retrying")
            ]
            pending = [
                d for page in ledger for d in page if d["idempotency_key"].startswith("fault/")
            ]
            if not pending:
                break
            assert time.monotonic() < deadline, f"still pending: {pending[:3]}"
            time.sleep(1)
        failed = http.get("/v1/notifications", params={"status": "failed", "page_size": 200})
        left = [d for d in failed.json()["items"] if d["idempotency_key"].startswith("fault/")]
        assert left == [], left  # nothing failed, nothing in doubt: no person needed
        settled = http.get("/v1/notifications", params={"status": "sent", "page_size": 200})
        delivered = [
            d for d in settled.json()["items"] if d["idempotency_key"].startswith("fault/")
        ]
        for workflow_id in processes:
            for _ in range(120):
                state = http.get(f"/v1/processes/{workflow_id}").json()
                if state["status"] == "completed":
                    break
                time.sleep(0.5)
            assert state["status"] == "completed", state

    received: dict[str, int] = {}
    for eml in mail_dir.glob("*.eml"):
        recipient = eml.stem.split("-", 2)[-1]
        received[recipient] = received.get(recipient, 0) + 1
    for n in [*range(30), *storm]:
        count = received.get(f"r{n}@example.com", 0)
        assert count == 1, f"message {n} delivered {count} times"
    assert len(delivered) == 30 + len(storm)
    assert set(storm) & set(refused), "the outage was never seen (the test tests nothing)"
    dev.interrupt()
