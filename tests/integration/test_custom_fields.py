"""Custom fields defined at run time: admin-only, validated on every write, and a definition
change never silently invalidates stored values."""

from __future__ import annotations

import uuid

import httpx

from tests.support import token

ADMIN = token("admin-cf", "admin")


def key() -> str:
    return f"cf_{uuid.uuid4().hex[:8]}"


async def define(http: httpx.AsyncClient, name: str, **body: object) -> httpx.Response:
    return await http.put(f"/v1/custom-fields/{name}", json={"label": name, **body}, headers=ADMIN)


async def client_with(http: httpx.AsyncClient, values: dict[str, object]) -> httpx.Response:
    return await http.post(
        "/v1/clients", json={"name": "cf", "custom_fields": values}, headers=ADMIN
    )


async def test_only_admins_define_fields(gateway: httpx.AsyncClient) -> None:
    response = await gateway.put(
        f"/v1/custom-fields/{key()}",
        json={"label": "x", "type": "text"},
        headers=token("m", "manager", team="t"),
    )
    assert response.status_code == 403


async def test_values_are_validated_against_the_definition(gateway: httpx.AsyncClient) -> None:
    wealth, score = key(), key()
    assert (
        await define(
            gateway, wealth, type="single_choice", options=["salary", "business", "inheritance"]
        )
    ).status_code == 200
    assert (await define(gateway, score, type="number", min="0", max="10")).status_code == 200
    ok = await client_with(gateway, {wealth: "business", score: 7})
    assert ok.status_code == 201 and ok.json()["custom_fields"] == {wealth: "business", score: 7}
    bad = await client_with(gateway, {wealth: "lottery"})
    assert bad.status_code == 400
    assert bad.json()["errors"][0] == {
        "field": f"custom_fields.{wealth}",
        "value": "lottery",
        "message": "must be one of salary, business, inheritance",
    }
    assert (await client_with(gateway, {score: 11})).json()["errors"][0][
        "field"
    ] == f"custom_fields.{score}"
    assert (await client_with(gateway, {"never_defined": 1})).json()["errors"][0][
        "field"
    ] == "custom_fields.never_defined"


async def test_a_change_that_would_invalidate_stored_values_is_refused(
    gateway: httpx.AsyncClient,
) -> None:
    name = key()
    created = (await define(gateway, name, type="single_choice", options=["a", "b"])).json()
    await client_with(gateway, {name: "b"})
    refused = await define(
        gateway, name, type="single_choice", options=["a"], expected_version=created["version"]
    )
    assert refused.status_code == 409
    assert "1 client(s)" in refused.json()["detail"]
    widened = await define(
        gateway,
        name,
        type="single_choice",
        options=["a", "b", "c"],
        expected_version=created["version"],
    )
    assert widened.status_code == 200 and widened.json()["version"] == created["version"] + 1


async def test_making_a_field_required_needs_every_client_to_have_it(
    gateway: httpx.AsyncClient,
) -> None:
    name = key()
    created = (await define(gateway, name, type="text")).json()
    await client_with(gateway, {})
    refused = await define(
        gateway, name, type="text", required=True, expected_version=created["version"]
    )
    assert refused.status_code == 409 and "have no" in refused.json()["detail"]


async def test_a_stale_definition_version_is_a_conflict(gateway: httpx.AsyncClient) -> None:
    name = key()
    await define(gateway, name, type="text")
    assert (await define(gateway, name, type="text", expected_version=99)).status_code == 409
    assert (await define(gateway, name, type="text")).status_code == 409  # exists; send its version
