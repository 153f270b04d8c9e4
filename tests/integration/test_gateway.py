"""The HTTP edge: authentication, problem+json, scoping, readiness — through the real
gateway app over real gRPC services and PostgreSQL."""

from __future__ import annotations

import re
import time
import uuid
from collections.abc import AsyncIterator

import httpx
import jwt
import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from services.common.db import session_factory
from services.common.grpc_client import ServiceClients
from services.gateway.app import create_app
from services.notifications.models import InboxMessage
from tests.conftest import endpoints
from tests.support import TEST_JWT_SECRET, Stack, token

PROBLEM = "application/problem+json"


@pytest.fixture
async def http(stack: Stack) -> AsyncIterator[httpx.AsyncClient]:
    settings = stack.settings
    services = stack.services
    app = create_app(settings, services)
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://gateway"
    ) as client:
        yield client


def assert_problem(response: httpx.Response, status: int) -> dict[str, object]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith(PROBLEM)
    body: dict[str, object] = response.json()
    assert body["status"] == status
    assert "Traceback" not in response.text
    return body


class TestAuthentication:
    async def test_missing_token_is_401_problem(self, http: httpx.AsyncClient) -> None:
        body = assert_problem(await http.get(f"/v1/clients/{uuid.uuid4()}"), 401)
        assert "Authorization" in str(body["detail"])

    async def test_garbage_token_is_401(self, http: httpx.AsyncClient) -> None:
        response = await http.get("/v1/me", headers={"Authorization": "Bearer not.a.jwt"})
        assert_problem(response, 401)
        assert response.headers["www-authenticate"] == "Bearer"

    async def test_token_signed_with_another_secret_is_401(self, http: httpx.AsyncClient) -> None:
        forged = jwt.encode(
            {
                "sub": "x",
                "roles": ["admin"],
                "exp": time.time() + 60,
                "iss": "clientflow",
                "aud": "clientflow",
            },
            "another-secret-entirely-0123456789abcdef",
            algorithm="HS256",
        )
        assert_problem(await http.get("/v1/me", headers={"Authorization": f"Bearer {forged}"}), 401)

    async def test_expired_token_is_401_saying_so(self, http: httpx.AsyncClient) -> None:
        expired = jwt.encode(
            {"sub": "x", "exp": time.time() - 5, "iss": "clientflow", "aud": "clientflow"},
            TEST_JWT_SECRET,
            algorithm="HS256",
        )
        body = assert_problem(
            await http.get("/v1/me", headers={"Authorization": f"Bearer {expired}"}), 401
        )
        assert "expired" in str(body["detail"])

    async def test_every_v1_route_requires_a_token(self, http: httpx.AsyncClient) -> None:
        """Every route but the portal's sign-in, whose one-time code or link is what it
        checks (asking for one answers the same for any address)."""
        app_routes = http._transport.app.routes  # type: ignore[attr-defined]
        signing_in = {"/v1/portal/sign-in", "/v1/portal/session"}
        for route in app_routes:
            path = getattr(route, "path", "")
            if not path.startswith("/v1") or path in signing_in:
                continue
            for method in route.methods:
                concrete = path.replace("{client_id}", str(uuid.uuid4())).replace(
                    "{workflow_id:path}", "x/y"
                )
                response = await http.request(method, concrete, json={})
                assert response.status_code == 401, (
                    f"{method} {path} answered {response.status_code}"
                )

    async def test_me_reflects_the_claims(self, http: httpx.AsyncClient) -> None:
        response = await http.get("/v1/me", headers=token("u-7", "advisor", "partner", team="t-1"))
        assert response.json() == {
            "user_id": "u-7",
            "roles": ["advisor", "partner"],
            "team_id": "t-1",
            "managed_team_ids": [],
        }


class TestClients:
    async def test_create_and_get_with_etag_and_location(self, http: httpx.AsyncClient) -> None:
        created = await http.post(
            "/v1/clients",
            json={"name": "李娜", "kind": "individual"},
            headers=token("adv-gw", "advisor"),
        )
        assert created.status_code == 201, created.text
        body = created.json()
        assert body["advisor_id"] == "adv-gw"
        assert created.headers["location"] == f"/v1/clients/{body['id']}"
        got = await http.get(created.headers["location"], headers=token("adv-gw", "advisor"))
        assert got.json()["name"] == "李娜"
        assert got.headers["etag"] == 'W/"1"'

    async def test_missing_client_is_404_problem(self, http: httpx.AsyncClient) -> None:
        missing = uuid.uuid4()
        body = assert_problem(
            await http.get(f"/v1/clients/{missing}", headers=token("a", "admin")), 404
        )
        assert str(missing) in str(body["detail"])

    async def test_another_advisors_client_is_404(self, http: httpx.AsyncClient) -> None:
        created = await http.post(
            "/v1/clients", json={"name": "A"}, headers=token("adv-1", "advisor")
        )
        client_id = created.json()["id"]
        assert_problem(
            await http.get(f"/v1/clients/{client_id}", headers=token("adv-2", "advisor")), 404
        )

    async def test_malformed_id_is_422_naming_the_field_and_value(
        self, http: httpx.AsyncClient
    ) -> None:
        body = assert_problem(
            await http.get("/v1/clients/not-a-uuid", headers=token("a", "admin")), 422
        )
        errors = body["errors"]
        assert isinstance(errors, list) and len(errors) == 1
        assert (errors[0]["field"], errors[0]["value"]) == ("path.client_id", "not-a-uuid")

    async def test_invalid_body_names_every_bad_field(self, http: httpx.AsyncClient) -> None:
        response = await http.post(
            "/v1/clients",
            json={"name": "", "kind": "robot", "extra": 1},
            headers=token("a", "admin"),
        )
        body = assert_problem(response, 422)
        fields = {error["field"] for error in body["errors"]}  # type: ignore[attr-defined]
        assert fields == {"name", "kind", "extra"}

    async def test_body_that_is_not_json_is_422(self, http: httpx.AsyncClient) -> None:
        response = await http.post(
            "/v1/clients",
            content=b"\xff\xfe<xml/>",
            headers={**token("a", "admin"), "content-type": "application/json"},
        )
        assert_problem(response, 422)

    async def test_unknown_route_is_404_problem(self, http: httpx.AsyncClient) -> None:
        assert_problem(await http.get("/v1/nothing-here", headers=token("a", "admin")), 404)


class TestInbox:
    async def test_pages_through_my_inbox_only(
        self, http: httpx.AsyncClient, engine: AsyncEngine
    ) -> None:
        user = f"user-{uuid.uuid4().hex[:6]}"
        async with session_factory(engine)() as session:
            session.add_all(InboxMessage(user_id=user, title=f"m{i}", body="") for i in range(5))
            session.add(InboxMessage(user_id="someone-else", title="not yours", body=""))
            await session.commit()
        first = (await http.get("/v1/me/inbox?page_size=3", headers=token(user, "advisor"))).json()
        assert len(first["items"]) == 3 and first["next_page_token"]
        second = (
            await http.get(
                f"/v1/me/inbox?page_size=3&page_token={first['next_page_token']}",
                headers=token(user, "advisor"),
            )
        ).json()
        assert len(second["items"]) == 2 and second["next_page_token"] is None
        titles = {item["title"] for item in first["items"] + second["items"]}
        assert titles == {f"m{i}" for i in range(5)}

    async def test_a_forged_page_token_is_400_naming_it(self, http: httpx.AsyncClient) -> None:
        body = assert_problem(
            await http.get("/v1/me/inbox?page_token=%%%", headers=token("u", "advisor")), 400
        )
        assert body["errors"][0]["field"] == "page_token"  # type: ignore[index]


class TestReadiness:
    async def test_ready_when_every_service_serves(self, http: httpx.AsyncClient) -> None:
        response = await http.get("/readyz")
        assert response.status_code == 200
        assert set(response.json()["checks"].values()) == {"SERVING"}

    async def test_a_service_down_degrades_its_routes_not_the_gateway(
        self, grpc_servers: dict[str, str]
    ) -> None:
        addresses = {**grpc_servers, "workflows": "127.0.0.1:1"}
        settings = endpoints(addresses)
        services = ServiceClients.connect(settings)
        app = create_app(settings, services)
        async with httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app), base_url="http://gw"
        ) as client:
            ready = await client.get("/readyz")
            tasks = await client.get("/v1/tasks", headers=token("adv-down", "advisor"))
            clients = await client.get("/v1/clients", headers=token("adv-down", "advisor"))
        await services.close()
        # Still ready (other routes work), saying what is missing.
        assert ready.status_code == 200
        assert ready.json()["status"] == "degraded"
        assert ready.json()["checks"]["workflows"] == "NOT_SERVING"
        # The routes that need it: 503, a Retry-After, and nothing about hosts or ports.
        body = assert_problem(tasks, 503)
        assert tasks.headers["retry-after"] == "5"
        assert "127.0.0.1" not in tasks.text and "ipv4" not in tasks.text
        assert body["code"] == "UNAVAILABLE"
        assert clients.status_code == 200


class TestOfflineDocs:
    async def test_docs_load_from_the_gateway_itself(self, http: httpx.AsyncClient) -> None:
        page = await http.get("/docs")
        assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
        sources = re.findall(r'(?:src|href)="([^"]+)"', page.text)
        assert sources and all(s.startswith("/") for s in sources), sources
        for source in sources:
            asset = await http.get(source)
            assert asset.status_code == 200, source
        script = await http.get("/docs/assets/swagger-ui-bundle.js")
        assert len(script.content) > 100_000
        assert (await http.get("/openapi.json")).json()["openapi"].startswith("3.")


class TestAccessLog:
    async def test_one_line_per_request_with_the_route_not_the_path(
        self, gateway: httpx.AsyncClient, caplog: pytest.LogCaptureFixture
    ) -> None:
        import logging

        missing = uuid.uuid4()
        with caplog.at_level(logging.INFO, logger="clientflow.access"):
            response = await gateway.get(
                f"/v1/clients/{missing}?q=secret", headers=token("adv-log", "advisor")
            )
            await gateway.get("/healthz")
        assert response.status_code == 404
        [line] = [r for r in caplog.records if r.name == "clientflow.access"]
        assert line.http_route == "/v1/clients/{client_id}"  # type: ignore[attr-defined]
        assert line.http_status == 404 and line.actor_id == "adv-log"  # type: ignore[attr-defined]
        assert line.duration_ms >= 0  # type: ignore[attr-defined]
        assert str(missing) not in line.getMessage() and "secret" not in line.getMessage()
