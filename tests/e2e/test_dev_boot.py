"""`clientflow dev` as a user runs it: boot in an empty directory on free ports, use the
API with a minted token, see the Temporal UI, Ctrl-C, and find nothing left running;
boot again and find the data still there."""

from __future__ import annotations

import re
import shutil
import signal
import subprocess
import sys
import time

import httpx
import psutil

from tests.e2e.devstack import DevStack
from tests.support import free_port


def scraped(prometheus: str, dev: DevStack) -> None:
    """Prometheus is in the banner, scrapes every process, and has the shipped alert rules."""
    assert any(line.split()[:2] == ["Prometheus", prometheus] for line in dev.output)
    with httpx.Client(base_url=prometheus, timeout=10) as http:
        deadline = time.monotonic() + 30
        while True:
            targets = http.get("/api/v1/targets").json()["data"]["activeTargets"]
            up = {t["labels"]["process"] for t in targets if t["health"] == "up"}
            if len(up) >= 7 or time.monotonic() > deadline:
                break
            time.sleep(1)
        assert {"clients", "notifications", "gateway", "worker"} <= up, targets
        rules = http.get("/api/v1/rules").json()["data"]["groups"]
        alerts = {r["name"] for g in rules for r in g["rules"] if r["type"] == "alerting"}
        assert {"ScrapeTargetDown", "DeliveriesInDoubt", "RpcErrors"} <= alerts, alerts


def test_boot_use_stop_and_boot_again(dev: DevStack) -> None:
    started = time.monotonic()
    # With Debian's prometheus present (CI installs it), a real Prometheus scrapes the stack.
    prometheus = free_port() if shutil.which("prometheus") else None
    flags = ("--prometheus", "--prometheus-port", str(prometheus)) if prometheus else ()
    admin = {"Authorization": f"Bearer {dev.start(*flags)}"}
    boot_seconds = time.monotonic() - started
    assert boot_seconds < 60, f"ready after {boot_seconds:.1f} s"
    if prometheus:
        scraped(f"http://127.0.0.1:{prometheus}", dev)

    with httpx.Client(base_url=dev.api, timeout=10) as http:
        ready = http.get("/readyz")
        assert ready.status_code == 200 and set(ready.json()["checks"].values()) == {"SERVING"}
        assert ready.json()["optional"] == {"mail": "SERVING"}
        # Metrics asked for: every process serves its own /metrics, named in the banner.
        targets = [line.split()[-1] for line in dev.output if line.strip().startswith("Metrics")]
        assert len(targets) >= 7, dev.output
        for target in targets:
            assert http.get(target).status_code == 200, target
        assert http.get("/docs").status_code == 200
        assert http.get("/v1/clients/00000000-0000-0000-0000-000000000000").status_code == 401
        missing = http.get("/v1/clients/00000000-0000-0000-0000-000000000000", headers=admin)
        assert missing.status_code == 404
        assert missing.headers["content-type"].startswith("application/problem+json")
        created = http.post(
            "/v1/clients", json={"name": "赵敏", "advisor_id": "adv-e2e"}, headers=admin
        )
        assert created.status_code == 201, created.text
        client_id = created.json()["id"]
        process = http.post(
            f"/v1/clients/{client_id}/processes", json={"kind": "client-check"}, headers=admin
        )
        assert process.status_code == 202, process.text
        workflow_id = process.json()["workflow_id"]
        for _ in range(100):
            state = http.get(f"/v1/processes/{workflow_id}", headers=admin).json()
            if state["status"] == "completed":
                break
            time.sleep(0.1)
        assert state["result"]["name"] == "赵敏"
        # E-mail goes to the dev mailbox under the data dir, once per idempotency key.
        template = http.put(
            "/v1/templates/e2e-hello/zh-CN",
            json={"content": {"subject": "您好 {{ name }}", "body_text": "欢迎"}},
            headers=admin,
        )
        assert template.status_code == 200, template.text
        for _ in range(2):
            sent = http.post(
                "/v1/notifications",
                json={
                    "idempotency_key": "e2e/hello",
                    "address": {"channel": "email", "value": "zhao@example.com"},
                    "template_key": "e2e-hello",
                    "variables": {"name": "赵敏"},
                },
                headers=admin,
            )
            assert sent.status_code == 200 and sent.json()["status"] == "sent", sent.text
        mail = list((dev.workdir / ".clientflow" / "mail").glob("*.eml"))
        assert len(mail) == 1 and "zhao@example.com" in mail[0].name
    assert httpx.get(f"http://127.0.0.1:{dev.ports['temporal_ui']}/", timeout=10).status_code == 200

    # The console is in the banner, and a person signs in and sees their day, over real HTTP
    # from the console to the gateway.
    console = f"http://127.0.0.1:{dev.ports['console']}"
    assert any(line.split()[:2] == ["Console", console] for line in dev.output)
    with httpx.Client(base_url=console, timeout=10, headers={"Accept-Language": "en"}) as browser:
        page = browser.get("/signin")
        assert page.status_code == 200 and "Development sign-in" in page.text
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
        assert csrf is not None
        signed_in = browser.post(
            "/signin/dev",
            data={"csrf_token": csrf.group(1), "user_id": "admin", "role": "admin", "next": "/"},
        )
        assert signed_in.status_code == 303, signed_in.text
        day = browser.get("/my-day")
        assert day.status_code == 200 and "My day" in day.text
        cookie = next(c for c in browser.cookies.jar if c.name == "clientflow_console")
        assert cookie.has_nonstandard_attr("httponly")
        assert cookie.get_nonstandard_attr("samesite") == "lax"

    # A process that dies is brought back (here the gateway, killed outright).
    [gateway] = [c for c in dev.descendants() if c.cmdline()[-2:] == ["services.cli", "gateway"]]
    gateway.kill()
    back = False
    for _ in range(60):
        time.sleep(0.25)
        try:
            back = httpx.get(f"{dev.api}/healthz", timeout=1).status_code == 200
        except httpx.HTTPError:
            back = False
        if back and not gateway.is_running():
            break
    assert back, "the gateway did not come back"

    children = dev.descendants()
    assert len(children) >= 9  # postgres, temporal, mailbox, four services, worker, gateway
    stop_seconds = dev.interrupt()
    assert stop_seconds < 10, f"stopped after {stop_seconds:.1f} s"
    assert dev.process is not None and dev.process.returncode == 0
    left = [c for c in children if c.is_running() and c.status() != psutil.STATUS_ZOMBIE]
    assert left == [], f"left running: {[c.name() for c in left]}"

    # Again, on the same data dir: the client is still there.
    admin = {"Authorization": f"Bearer {dev.start()}"}
    with httpx.Client(base_url=dev.api, timeout=10) as http:
        again = http.get(f"/v1/clients/{client_id}", headers=admin)
        assert again.status_code == 200 and again.json()["name"] == "赵敏"
    children = dev.descendants()
    assert dev.interrupt(signal.SIGTERM) < 10
    assert [c for c in children if c.is_running() and c.status() != psutil.STATUS_ZOMBIE] == []


def test_a_taken_port_is_a_one_line_error(dev: DevStack) -> None:
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", dev.ports["gateway"]))
        taken.listen()
        argv = [
            sys.executable,
            "-m",
            "services.cli",
            "dev",
            "--data-dir",
            str(dev.workdir / "d"),
            "--gateway-port",
            str(dev.ports["gateway"]),
        ]
        result = subprocess.run(argv, capture_output=True, text=True, timeout=60, cwd=dev.workdir)
    assert result.returncode == 2
    assert (
        f"port {dev.ports['gateway']} is already in use; choose another with CLIENTFLOW_GATEWAY_PORT"
        in result.stderr
    )
    assert "Traceback" not in result.stderr + result.stdout


def test_a_hung_worker_is_seen_and_started_again(dev: DevStack) -> None:
    """SIGSTOP of the worker: /readyz says so, the supervisor kills it after three missed
    health checks and starts it again, and a process started meanwhile completes."""
    admin = {"Authorization": f"Bearer {dev.start()}"}
    [worker] = [c for c in dev.descendants() if c.cmdline()[-2:] == ["services.cli", "worker"]]
    with httpx.Client(base_url=dev.api, timeout=10, headers=admin) as http:
        assert http.get("/readyz").json()["checks"]["worker"] == "SERVING"
        worker.send_signal(signal.SIGSTOP)
        stopped = time.monotonic()
        time.sleep(3)
        assert http.get("/readyz").json()["checks"]["worker"] == "NOT_SERVING"
        client = http.post("/v1/clients", json={"name": "等待中", "advisor_id": "adv-h"})
        started = http.post(
            f"/v1/clients/{client.json()['id']}/processes", json={"kind": "client-check"}
        )
        assert started.status_code == 202, started.text
        workflow_id = started.json()["workflow_id"]
        while time.monotonic() - stopped < 60:
            if http.get("/readyz").json()["checks"]["worker"] == "SERVING":
                break
            time.sleep(1)
        back = time.monotonic() - stopped
        assert http.get("/readyz").json()["checks"]["worker"] == "SERVING"
        assert back < 40, f"the worker served again after {back:.0f} s"
        assert not worker.is_running() or worker.status() == psutil.STATUS_ZOMBIE
        for _ in range(100):
            if http.get(f"/v1/processes/{workflow_id}").json()["status"] == "completed":
                break
            time.sleep(0.3)
        assert http.get(f"/v1/processes/{workflow_id}").json()["status"] == "completed"
