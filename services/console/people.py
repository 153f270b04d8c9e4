"""Colleagues and teams by name: the gateway's /v1/directory/names and /teams, read with the
signed-in person's token and kept for a minute (names change rarely; every page shows some)."""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field

from fastapi import Request

from services.console.api import ApiError, Gateway
from services.console.session import SignInRequired, current_viewer

TTL_SECONDS = 60.0


@dataclass
class Names:
    people: dict[str, str] = field(default_factory=dict)
    teams: dict[str, str] = field(default_factory=dict)
    loaded_at: float = 0.0
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)

    async def refresh(self, gateway: Gateway, token: str) -> None:
        if time.monotonic() - self.loaded_at < TTL_SECONDS:
            return
        async with self.lock:
            if time.monotonic() - self.loaded_at < TTL_SECONDS:
                return
            try:
                people = await gateway.get("/v1/directory/names", token)
                teams = await gateway.get("/v1/directory/teams", token)
            except ApiError:
                return  # ids are shown until the next page can read the names
            self.people = {p["user_id"]: p["name"] for p in people.get("items", [])}
            self.teams = {t["id"]: t["name"] for t in teams.get("items", [])}
            self.loaded_at = time.monotonic()


async def fresh_names(request: Request) -> None:
    """A page's dependency: the names are at most a minute old when it renders."""
    try:
        viewer = current_viewer(request)
    except SignInRequired:
        return
    names: Names = request.app.state.names
    await names.refresh(request.app.state.gateway, viewer.token)
