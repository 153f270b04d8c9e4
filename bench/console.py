"""Console page render time on a 100,000-client book: the client 360 page and My day,
measured against the gateway calls each page makes, in the same run.

Every process runs as in production (`clientflow clients | notifications | reporting |
workflows | worker | gateway | console`, the Temporal dev server, embedded PostgreSQL); an
advisor signs in through the console's dev sign-in. For each page, one request at a time
(so latency is the server's time), alternating rounds:

- console: GET /clients/{id} (8 gateway calls, concurrently) and GET /my-day;
- baseline: the same gateway calls made directly with the same token, concurrently as the
  console makes them.

The console's own share = console time ÷ the gateway calls' time.
"""

from __future__ import annotations

import argparse
import asyncio
import functools
import re
import statistics
import time
from collections.abc import Awaitable, Callable
from typing import Any

import httpx

from bench.book import load_book
from bench.services import child
from bench.stack import dev_server, embedded_postgres
from services.common.tokens import mint_token
from tests.support import free_port

SECRET = "bench-secret-0123456789abcdef0123456789"
SESSION_SECRET = "bench-console-session-0123456789abcdef"
ADVISOR = "adv-07"


async def wait_http(url: str, seconds: float = 60) -> None:
    async with httpx.AsyncClient() as http:
        for _ in range(int(seconds * 10)):
            try:
                if (await http.get(url)).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            await asyncio.sleep(0.1)
    raise RuntimeError(f"{url} did not answer")


def pct(values: list[float], q: int) -> float:
    return statistics.quantiles(values, n=100)[q - 1] * 1000


async def timed(samples: list[float], call: Callable[[], Awaitable[Any]]) -> None:
    started = time.perf_counter()
    await call()
    samples.append(time.perf_counter() - started)


async def run(args: argparse.Namespace) -> list[str]:
    lines: list[str] = []
    env_server = await dev_server()
    try:
        async with embedded_postgres() as url:
            dsn = url.replace("postgresql+asyncpg://", "postgresql://")
            t0 = time.perf_counter()
            ids = await load_book(dsn, clients=args.clients, interactions=args.interactions)
            lines.append(
                f"book: {args.clients} clients, {args.interactions} interactions"
                f" ({time.perf_counter() - t0:.0f} s to load)"
            )
            mine = [str(c) for i, c in enumerate(ids) if f"adv-{i % 30:02d}" == ADVISOR]
            ports = {n: free_port() for n in ("clients", "notifications", "reporting", "workflows")}
            gateway_port, console_port = free_port(), free_port()
            env = {
                "CLIENTFLOW_DATABASE_URL": url,
                "CLIENTFLOW_TEMPORAL_ADDRESS": env_server.client.service_client.config.target_host,
                "CLIENTFLOW_TASK_QUEUE": "bench-console",
                "CLIENTFLOW_AUTH_JWT_SECRET": SECRET,
                "CLIENTFLOW_LOG_LEVEL": "WARNING",
                "CLIENTFLOW_GATEWAY_PORT": str(gateway_port),
                "CLIENTFLOW_CONSOLE_PORT": str(console_port),
                "CLIENTFLOW_GATEWAY_URL": f"http://127.0.0.1:{gateway_port}",
                "CLIENTFLOW_CONSOLE_SESSION_SECRET": SESSION_SECRET,
                "CLIENTFLOW_CONSOLE_DEV_SIGN_IN": "true",
                "CLIENTFLOW_EXPENSIVE_RATE_PER_MINUTE": "100000",
                **{f"CLIENTFLOW_{n.upper()}_PORT": str(p) for n, p in ports.items()},
            }
            gateway = f"http://127.0.0.1:{gateway_port}"
            console = f"http://127.0.0.1:{console_port}"
            async with (
                child("clients", env, ports["clients"]),
                child("reporting", env, ports["reporting"]),
                child("notifications", env, ports["notifications"]),
                child("workflows", env, ports["workflows"]),
                child("worker", env),
                child("gateway", env),
                child("console", env),
            ):
                await wait_http(f"{gateway}/healthz")
                await wait_http(f"{console}/healthz")
                lines += await measure(args, gateway, console, mine)
    finally:
        await env_server.shutdown()
    return lines


async def measure(
    args: argparse.Namespace, gateway: str, console: str, mine: list[str]
) -> list[str]:
    token = mint_token(SECRET, user_id=ADVISOR, roles=["advisor"])
    admin = {"Authorization": f"Bearer {mint_token(SECRET, user_id='bench', roles=['admin'])}"}
    bearer = {"Authorization": f"Bearer {token}"}
    limits = httpx.Limits(max_connections=20, max_keepalive_connections=20)
    async with (
        httpx.AsyncClient(base_url=gateway, timeout=60, limits=limits) as api,
        httpx.AsyncClient(
            base_url=console, timeout=60, headers={"Accept-Language": "zh-CN"}
        ) as web,
    ):
        # The advisor's day: open call tasks on 30 of their clients.
        for client_id in mine[:30]:
            started = await api.post(
                f"/v1/clients/{client_id}/processes", json={"kind": "call-client"}, headers=admin
            )
            assert started.status_code in (202, 409), started.text
        for _ in range(300):
            tasks = (await api.get("/v1/tasks", headers=bearer)).json()["items"]
            if len(tasks) >= 30:
                break
            await asyncio.sleep(0.2)
        # Sign in through the console, as a browser would.
        page = await web.get("/signin")
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
        assert csrf is not None
        signed = await web.post(
            "/signin/dev",
            data={"csrf_token": csrf.group(1), "user_id": ADVISOR, "role": "advisor", "next": "/"},
        )
        assert signed.status_code == 303, signed.text

        async def page_360(client_id: str) -> None:
            response = await web.get(f"/clients/{client_id}")
            assert response.status_code == 200, response.status_code

        async def calls_360(client_id: str) -> None:
            paths: list[tuple[str, dict[str, Any]]] = [
                (f"/v1/clients/{client_id}/view", {}),
                (f"/v1/clients/{client_id}/processes", {}),
                (f"/v1/clients/{client_id}/reports", {}),
                (f"/v1/clients/{client_id}/tier-history", {}),
                (f"/v1/clients/{client_id}/stage-history", {}),
                (f"/v1/clients/{client_id}/audit", {"page_size": 20}),
                ("/v1/notifications", {"client_id": client_id, "page_size": 20}),
                (f"/v1/clients/{client_id}/interactions", {"page_size": 30}),
                ("/v1/custom-fields", {}),
            ]
            view = await api.get(paths[0][0], headers=bearer)
            assert view.status_code == 200, view.text
            replies = await asyncio.gather(
                *(api.get(p, params=q, headers=bearer) for p, q in paths[1:])
            )
            assert all(r.status_code == 200 for r in replies), [r.text for r in replies]

        async def page_day() -> None:
            response = await web.get("/my-day")
            assert response.status_code == 200, response.status_code

        async def calls_day() -> None:
            reply = await api.get(
                "/v1/tasks", params={"scope": "mine", "page_size": 200}, headers=bearer
            )
            assert reply.status_code == 200

        results: dict[str, list[float]] = {k: [] for k in ("p360", "c360", "pday", "cday")}
        warm = mine[-20:]
        for client_id in warm:
            await page_360(client_id)
            await calls_360(client_id)
        per_round = args.requests // max(args.rounds, 1)
        picks = mine[30 : 30 + per_round * args.rounds]
        for round_number in range(args.rounds):
            batch = picks[round_number * per_round : (round_number + 1) * per_round]
            order = ("page", "calls") if round_number % 2 == 0 else ("calls", "page")
            for side in order:
                for client_id in batch:
                    if side == "page":
                        await timed(results["p360"], functools.partial(page_360, client_id))
                        await timed(results["pday"], page_day)
                    else:
                        await timed(results["c360"], functools.partial(calls_360, client_id))
                        await timed(results["cday"], calls_day)
    tasks_seen = len(tasks)
    out = [f"one request at a time, {args.rounds} alternating rounds x {per_round} per side"]
    for name, page_key, calls_key, what in (
        ("client 360", "p360", "c360", "9 gateway calls (view first, then 8 at once)"),
        ("My day", "pday", "cday", f"GET /v1/tasks ({tasks_seen} open tasks)"),
    ):
        page_lat, call_lat = results[page_key], results[calls_key]
        out += [
            f"{name}:",
            f"  console page            : p50 {pct(page_lat, 50):6.1f} ms  p95 {pct(page_lat, 95):6.1f} ms",
            f"  its gateway calls alone : p50 {pct(call_lat, 50):6.1f} ms  p95 {pct(call_lat, 95):6.1f} ms  ({what})",
            f"  ratio page/calls (p50)  : {statistics.median(page_lat) / statistics.median(call_lat):.2f}"
            f"   console's own time p50 ≈ {(statistics.median(page_lat) - statistics.median(call_lat)) * 1000:.1f} ms",
        ]
    return out
