"""A mixed soak: `clientflow dev --demo` (every service, the worker, the Temporal dev server,
PostgreSQL, the mail catcher) under a fixed offered load of every hot path at once for
`--minutes`:

- trigger events: `request.submitted` events through `POST /v1/events` (each starts a
  client request process, whose steps become tasks);
- task completions: the open tasks of those requests and of the quarterly run, completed
  through `POST /v1/tasks/{id}/complete`;
- notification sends: `POST /v1/notifications` to demo clients (e-mail, caught);
- 360 reads: `GET /v1/clients/{id}/view`;
- a quarterly distribution of one team's book running throughout (its data, commentary and
  approval tasks done by the completer, then a PDF and an e-mail per client);
- a rule's reaction: a rule tags a client whose `source_channel` changes; a probe every two
  seconds changes one (through `PATCH /v1/clients/{id}`) and times until the tag is on the
  record (outbox → relay → rule → data action), reported as `rule→tag`.

Open loop: each path is issued at its rate whatever the answers take (a slow path does not
slow the offered load). Reported per path: done, errors, p50 and p99 latency; the Temporal
SDK's workflow and activity schedule-to-start latency p99 (the worker's Prometheus metrics);
the RSS of every process at the start, every ten minutes and at the end."""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import psutil

from services.common.tokens import mint_token
from services.devstack.settings import data_dir_secret
from tests.support import free_port

from .soak_metrics import RssSamples, p99, schedule_to_start

RATES = {"events": 1.0, "sends": 2.0, "reads": 8.0}
RULE_PROBES_PER_SECOND = 0.5
RULE_TAG = "soak-rule"
COMPLETIONS_PER_SECOND = 2.0
NAMES = ("gateway", "console", "clients", "notifications", "reporting", "workflows")


@dataclass
class Path_:
    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def line(self, name: str, seconds: float) -> str:
        done = sorted(self.latencies)
        if not done:
            return f"  {name:<12} done 0, errors {len(self.errors)}"
        p50 = done[len(done) // 2] * 1000
        p95 = done[min(len(done) - 1, int(len(done) * 0.95))] * 1000
        p99 = done[min(len(done) - 1, int(len(done) * 0.99))] * 1000
        return (
            f"  {name:<12} {len(done) / seconds:6.2f}/s  done {len(done):6d}  errors"
            f" {len(self.errors):3d}  p50 {p50:7.1f} ms  p95 {p95:7.1f} ms  p99 {p99:8.1f} ms"
        )


class Stack:
    """`clientflow dev --demo` on free ports in a temporary directory."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.ports = {
            name: free_port() for name in (*NAMES, "postgres", "temporal", "temporal_ui", "mail")
        }
        self.prometheus = free_port()
        self.process: subprocess.Popen[str] | None = None
        self.token = ""

    @property
    def api(self) -> str:
        return f"http://127.0.0.1:{self.ports['gateway']}"

    def start(self) -> None:
        argv = [sys.executable, "-m", "services.cli", "dev", "--demo"]
        argv += ["--data-dir", str(self.root / ".clientflow")]
        for name, port in self.ports.items():
            argv += [f"--{name.replace('_', '-')}-port", str(port)]
        env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "TEMPORAL_ADDRESS")}
        env["CLIENTFLOW_EXPENSIVE_RATE_PER_MINUTE"] = "100000"
        env["CLIENTFLOW_EXPENSIVE_BURST"] = "100000"
        env["CLIENTFLOW_TEMPORAL_PROMETHEUS_ADDRESS"] = f"127.0.0.1:{self.prometheus}"
        env["CLIENTFLOW_LOG_LEVEL"] = "WARNING"
        self.process = subprocess.Popen(
            argv,
            cwd=self.root,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        assert self.process.stdout is not None
        deadline = time.monotonic() + 600
        for line in self.process.stdout:
            found = re.search(r"Admin token\s+(\S+)", line)
            if found:
                self.token = found.group(1)
            if "Press Ctrl-C to stop." in line:
                break
            if time.monotonic() > deadline:
                raise RuntimeError("clientflow dev did not become ready in 10 minutes")
        if not self.token:
            raise RuntimeError("clientflow dev printed no admin token")
        # Keep reading its output so the pipe never fills.
        threading_drain(self.process)

    def processes(self) -> dict[str, psutil.Process]:
        assert self.process is not None
        found: dict[str, psutil.Process] = {"dev": psutil.Process(self.process.pid)}
        for proc in found["dev"].children(recursive=True):
            try:
                cmd = " ".join(proc.cmdline())
            except psutil.Error:
                continue
            match = re.search(r"services\.cli (\w+)", cmd)
            if match:
                found[match.group(1)] = proc
            elif "temporal" in cmd and "server" in cmd:
                found["temporal"] = proc
            elif "postgres" in proc.name() and "-D" in cmd:
                found["postgres"] = proc
            elif "services.devstack.mailbox" in cmd:
                found["mailbox"] = proc
        return found

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(60)
            except subprocess.TimeoutExpired:
                self.process.kill()


def threading_drain(process: subprocess.Popen[str]) -> None:
    def drain() -> None:
        assert process.stdout is not None
        for _ in process.stdout:
            pass

    threading.Thread(target=drain, daemon=True).start()


async def run(args: argparse.Namespace) -> list[str]:
    minutes = float(args.minutes)
    root = Path(tempfile.mkdtemp(prefix="clientflow-soak-"))
    stack = Stack(root)
    try:
        await asyncio.to_thread(stack.start)
        return await soak(stack, minutes, distribute=not args.no_distribution)
    finally:
        await asyncio.to_thread(stack.stop)
        shutil.rmtree(root, ignore_errors=True)


async def soak(stack: Stack, minutes: float, *, distribute: bool = True) -> list[str]:
    headers = {"Authorization": f"Bearer {stack.token}"}
    limits = httpx.Limits(max_connections=64, max_keepalive_connections=64)
    paths: dict[str, Path_] = defaultdict(Path_)
    async with httpx.AsyncClient(base_url=stack.api, timeout=60, limits=limits) as http:
        clients = await demo_clients(http, headers)
        operator = operator_headers(stack.root / ".clientflow")
        run_id = ""
        if distribute:
            run = await http.post(
                "/v1/reports/quarterly",
                headers=headers,
                json={"book": "team-west", "period": previous_quarter(), "parameters": {}},
            )
            if run.status_code >= 400:
                paths["distribution"].errors.append(f"start {run.status_code} {run.text[:200]}")
            run_id = run.json().get("workflow_id", "") if run.status_code < 400 else ""
        processes = stack.processes()
        memory = RssSamples(processes, every_minutes=10)
        memory.take(0)
        metrics_start = await schedule_to_start(stack.prometheus)
        started = time.monotonic()
        until = started + minutes * 60
        in_flight: set[asyncio.Task[None]] = set()

        async def timed(name: str, call: Any) -> None:
            t0 = time.perf_counter()
            try:
                response = await call
                if response.status_code >= 400:
                    paths[name].errors.append(f"{response.status_code} {response.text[:160]}")
                    return
            except httpx.HTTPError as error:
                paths[name].errors.append(type(error).__name__)
                return
            paths[name].latencies.append(time.perf_counter() - t0)

        def issue(name: str, i: int) -> Any:
            client = clients[i % len(clients)]
            if name == "events":
                return http.post(
                    "/v1/events",
                    headers=operator,
                    json={
                        "event_id": f"soak-{uuid.uuid4()}",
                        "type": "request.submitted",
                        "client_id": client,
                        "payload": {
                            "type": "document-request",
                            "fields": {"document": "statement"},
                        },
                    },
                )
            if name == "sends":
                return http.post(
                    "/v1/notifications",
                    headers=headers,
                    json={
                        "idempotency_key": f"soak-{uuid.uuid4()}",
                        "client_id": client,
                        "template_key": "birthday-greeting",
                        "variables": {"client_name": "客户"},
                        "priority": "urgent",
                    },
                )
            return http.get(f"/v1/clients/{client}/view", headers=headers)

        async def offer(name: str, rate: float) -> None:
            i = 0
            next_at = time.monotonic()
            while time.monotonic() < until:
                task = asyncio.create_task(timed(name, issue(name, i)))
                in_flight.add(task)
                task.add_done_callback(in_flight.discard)
                i += 1
                next_at += 1 / rate
                await asyncio.sleep(max(0.0, next_at - time.monotonic()))

        async def complete_tasks() -> None:
            done: set[str] = set()
            while time.monotonic() < until:
                t0 = time.perf_counter()
                try:
                    page = await http.get(
                        "/v1/tasks",
                        headers=operator,
                        params={"scope": "all", "status": "open", "page_size": 50},
                    )
                    items = page.json().get("items", []) if page.status_code < 400 else []
                except httpx.HTTPError:
                    items = []
                for task in items:
                    if task["id"] in done or time.monotonic() >= until:
                        continue
                    done.add(task["id"])
                    form = {f["name"]: form_value(f) for f in task["form_fields"] if f["required"]}
                    outcome = next(
                        (o for o in task["outcomes"] if o in ("approved", "done", "confirmed")),
                        task["outcomes"][0] if task["outcomes"] else "done",
                    )
                    await timed(
                        "completions",
                        http.post(
                            f"/v1/tasks/{task['id']}/complete",
                            headers=operator,
                            json={"outcome": outcome, "form": form, "comment": "soak"},
                        ),
                    )
                    await asyncio.sleep(1 / COMPLETIONS_PER_SECOND)
                await asyncio.sleep(max(0.0, 1.0 - (time.perf_counter() - t0)))

        runs: list[str] = [run_id] if run_id else []
        rule = await http.post(
            "/v1/rules",
            headers=headers,
            json={
                "name": f"soak {uuid.uuid4().hex[:6]}",
                "event_type": "client.changed",
                "field": "source_channel",
                "condition": "true",
                "period": "always",
                "actions": [{"kind": "add_tag", "target": RULE_TAG}],
            },
        )
        if rule.status_code >= 400:
            paths["rule→tag"].errors.append(f"rule {rule.status_code} {rule.text[:160]}")

        async def probe_rule(i: int) -> None:
            """One field change, timed until its rule's tag is on the record."""
            client = clients[i % len(clients)]
            current = (await http.get(f"/v1/clients/{client}", headers=headers)).json()
            tags = [t for t in current.get("tags", []) if t != RULE_TAG]
            await http.patch(f"/v1/clients/{client}", headers=headers, json={"tags": tags})
            t0 = time.perf_counter()
            changed = await http.patch(
                f"/v1/clients/{client}", headers=headers, json={"source_channel": f"soak-{i}"}
            )
            if changed.status_code >= 400:
                paths["rule→tag"].errors.append(f"{changed.status_code} {changed.text[:160]}")
                return
            while time.perf_counter() - t0 < 30:
                seen = await http.get(f"/v1/clients/{client}", headers=headers)
                if RULE_TAG in seen.json().get("tags", []):
                    paths["rule→tag"].latencies.append(time.perf_counter() - t0)
                    return
                await asyncio.sleep(0.05)
            paths["rule→tag"].errors.append("no tag within 30 s")

        async def probe_rules() -> None:
            i = 0
            while time.monotonic() < until and rule.status_code < 400:
                try:
                    await probe_rule(i)
                except httpx.HTTPError as error:
                    paths["rule→tag"].errors.append(type(error).__name__)
                i += 1
                await asyncio.sleep(1 / RULE_PROBES_PER_SECOND)

        async def keep_distributing() -> None:
            """A quarterly run at all times: when one finishes, its correction run starts."""
            while time.monotonic() < until and runs:
                await asyncio.sleep(min(10.0, max(0.0, until - time.monotonic())))
                if time.monotonic() >= until:
                    return
                state = await http.get(f"/v1/processes/{runs[-1]}", headers=headers)
                if state.status_code >= 400 or state.json().get("status") == "running":
                    continue
                again = await http.post(
                    "/v1/reports/quarterly",
                    headers=headers,
                    json={"book": "team-west", "period": previous_quarter(), "rerun": True},
                )
                if again.status_code >= 400:
                    paths["distribution"].errors.append(f"{again.status_code} {again.text[:160]}")
                    return
                runs.append(again.json()["workflow_id"])

        async def progress() -> None:
            while time.monotonic() < until:
                await asyncio.sleep(max(0.0, min(60.0, until - time.monotonic())))
                elapsed = time.monotonic() - started
                summary = ", ".join(
                    f"{name} {len(p.latencies)}/{len(p.errors)}" for name, p in paths.items()
                )
                print(f"[{elapsed / 60:4.1f} min] {summary}", file=sys.stderr, flush=True)
                if memory.due(elapsed / 60) and time.monotonic() < until:
                    memory.take(round(elapsed / 60))

        await asyncio.gather(
            *(offer(name, rate) for name, rate in RATES.items()),
            complete_tasks(),
            keep_distributing(),
            probe_rules(),
            progress(),
        )
        seconds = time.monotonic() - started  # the offered window
        if in_flight:
            await asyncio.wait(in_flight, timeout=60)
        metrics_end = await schedule_to_start(stack.prometheus)
        memory.take((time.monotonic() - started) / 60)
        distribution = [await run_state(http, headers, workflow_id) for workflow_id in runs]
    lines = [
        f"soak: {minutes:g} min, offered {', '.join(f'{k} {v:g}/s' for k, v in RATES.items())},"
        f" completions up to {COMPLETIONS_PER_SECOND:g}/s,"
        + (" a quarterly run of team-west" if distribute else " no quarterly distribution"),
    ]
    lines += [
        paths[name].line(name, seconds)
        for name in ("events", "completions", "sends", "reads", "rule→tag")
    ]
    errors = sum(len(p.errors) for p in paths.values())
    lines.append(f"  errors: {errors}" + (f" (first: {first_errors(paths)})" if errors else ""))
    for metric in (
        "temporal_workflow_task_schedule_to_start_latency",
        "temporal_activity_schedule_to_start_latency",
    ):
        lines.append(
            f"  {metric} p99: {p99(metrics_start.get(metric, []), metrics_end.get(metric, []))}"
        )
    lines.append(f"  quarterly runs of team-west: {len(distribution)}")
    lines += [f"    {state}" for state in distribution]
    lines += memory.table()
    return lines


def form_value(spec: dict[str, Any]) -> Any:
    if spec["type"] == "number":
        return 1
    if spec["type"] == "choice" and spec["options"]:
        return spec["options"][0]
    if spec["type"] == "date":
        return "2026-12-01"
    return "soak"


def first_errors(paths: dict[str, Path_]) -> str:
    return "; ".join(f"{name}: {p.errors[0]}" for name, p in paths.items() if p.errors)[:600]


def previous_quarter() -> str:
    now = time.gmtime()
    quarter = (now.tm_mon - 1) // 3
    return f"{now.tm_year - 1}Q4" if quarter == 0 else f"{now.tm_year}Q{quarter}"


async def demo_clients(http: httpx.AsyncClient, headers: dict[str, str]) -> list[str]:
    found: list[str] = []
    token = ""
    while len(found) < 1000:
        page = await http.get(
            "/v1/clients", headers=headers, params={"page_size": 200, "page_token": token}
        )
        body = page.json()
        found += [c["id"] for c in body["items"]]
        token = body.get("next_page_token") or ""
        if not token:
            break
    return found


def operator_headers(data_dir: Path) -> dict[str, str]:
    """A token for the task completer and the event publisher: admin, service, partner and
    accountant (an approval needs the partner role itself), signed with the dev stack's
    secret as `clientflow token` does."""
    secret = data_dir_secret(data_dir)
    assert secret, "the dev stack keeps no token secret"
    roles = ["admin", "service", "partner", "accountant"]
    token = mint_token(secret, user_id="soak-operator", roles=roles)
    return {"Authorization": f"Bearer {token}"}


async def run_state(http: httpx.AsyncClient, headers: dict[str, str], workflow_id: str) -> str:
    if not workflow_id:
        return "not started"
    reply = await http.get(f"/v1/processes/{workflow_id}/progress", headers=headers)
    if reply.status_code >= 400:
        return f"progress {reply.status_code}"
    body = reply.json()
    return (
        f"{body.get('status')}, step {body.get('current_step')!r},"
        f" {body.get('items_done', 0)}/{body.get('items_total', 0)} clients"
    )
