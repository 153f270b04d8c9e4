"""The console's only way to the system: the gateway's public HTTP API, called with the
signed-in person's bearer token. What the API refuses, the console does not show."""

from __future__ import annotations

from typing import Any

import httpx


class ApiError(Exception):
    """A refusal from the gateway: its status and its problem document."""

    def __init__(self, status: int, problem: dict[str, Any]) -> None:
        self.status = status
        self.problem = problem
        super().__init__(f"{status} {self.detail}")

    @property
    def detail(self) -> str:
        detail = self.problem.get("detail") or self.problem.get("title") or ""
        return str(detail)

    @property
    def field_errors(self) -> list[dict[str, Any]]:
        errors = self.problem.get("errors")
        return [e for e in errors if isinstance(e, dict)] if isinstance(errors, list) else []


class Gateway:
    """One pooled HTTP client to the gateway for the whole console."""

    def __init__(
        self,
        base_url: str,
        *,
        timeout: float = 15.0,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self.http = httpx.AsyncClient(
            base_url=base_url.rstrip("/"),
            timeout=timeout,
            transport=transport,
            limits=httpx.Limits(max_connections=100, max_keepalive_connections=20),
        )

    async def close(self) -> None:
        await self.http.aclose()

    async def request(
        self,
        method: str,
        path: str,
        token: str,
        *,
        params: dict[str, Any] | None = None,
        json: Any = None,
        files: dict[str, tuple[str, bytes, str]] | None = None,
        headers: dict[str, str] | None = None,
    ) -> httpx.Response:
        """The response, or ApiError for any 4xx/5xx."""
        sent = {"Authorization": f"Bearer {token}", **(headers or {})}
        clean = {k: v for k, v in (params or {}).items() if v not in (None, "")}
        try:
            response = await self.http.request(
                method, path, params=clean, json=json, files=files, headers=sent
            )
        except httpx.HTTPError as error:
            raise ApiError(
                503, {"detail": f"the gateway did not answer ({type(error).__name__})"}
            ) from None
        if response.status_code >= 400:
            try:
                problem = response.json()
            except ValueError:
                problem = {"detail": response.text[:300]}
            if not isinstance(problem, dict):
                problem = {"detail": str(problem)[:300]}
            raise ApiError(response.status_code, problem)
        return response

    async def get(self, path: str, token: str, **params: Any) -> Any:
        return (await self.request("GET", path, token, params=params)).json()

    async def post(self, path: str, token: str, body: Any = None, **params: Any) -> Any:
        response = await self.request("POST", path, token, json=body, params=params)
        return response.json() if response.content else None
