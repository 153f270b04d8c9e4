"""Token verification: HS256 with a secret, and RS256 against a JWKS endpoint (served
here by a real HTTP server on loopback, as an identity provider would)."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm
from pydantic import SecretStr

from services.common.config import AuthSettings
from services.common.errors import Unauthenticated
from services.common.identity import Role
from services.common.tokens import mint_token
from services.gateway.auth import Authenticator

SECRET = "unit-secret-0123456789abcdef0123456789"


def hs256() -> Authenticator:
    return Authenticator(AuthSettings(auth_jwt_secret=SecretStr(SECRET)))


async def test_minted_token_verifies_to_the_actor() -> None:
    token = mint_token(SECRET, user_id="u1", roles=["advisor", "partner"], team_id="t1")
    actor = await hs256().verify(token)
    assert (actor.user_id, set(actor.roles), actor.team_id) == (
        "u1",
        {Role.ADVISOR, Role.PARTNER},
        "t1",
    )


async def test_wrong_audience_is_rejected() -> None:
    token = mint_token(SECRET, user_id="u1", roles=["admin"], audience="someone-else")
    with pytest.raises(Unauthenticated):
        await hs256().verify(token)


async def test_a_token_without_expiry_is_rejected() -> None:
    token = jwt.encode(
        {"sub": "u", "iss": "clientflow", "aud": "clientflow"}, SECRET, algorithm="HS256"
    )
    with pytest.raises(Unauthenticated, match="exp"):
        await hs256().verify(token)


async def test_alg_none_is_rejected() -> None:
    token = jwt.encode(
        {"sub": "u", "exp": time.time() + 60, "iss": "clientflow", "aud": "clientflow"},
        "",
        algorithm="none",
    )
    with pytest.raises(Unauthenticated):
        await hs256().verify(token)


def test_no_verification_configured_is_a_clear_start_up_error() -> None:
    with pytest.raises(ValueError, match="CLIENTFLOW_AUTH_JWT_SECRET"):
        Authenticator(AuthSettings())


@pytest.fixture(scope="module")
def identity_provider() -> Iterator[tuple[str, rsa.RSAPrivateKey]]:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    jwk = json.loads(RSAAlgorithm.to_jwk(key.public_key()))
    jwks = json.dumps({"keys": [{**jwk, "kid": "k1", "use": "sig", "alg": "RS256"}]}).encode()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("content-type", "application/json")
            self.end_headers()
            self.wfile.write(jwks)

        def log_message(self, *_args: object) -> None:
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/.well-known/jwks.json", key
    server.shutdown()


async def test_rs256_token_from_an_identity_provider_verifies_via_jwks(
    identity_provider: tuple[str, rsa.RSAPrivateKey],
) -> None:
    url, key = identity_provider
    claims = {
        "sub": "idp-user",
        "roles": ["manager"],
        "team": "t2",
        "exp": time.time() + 60,
        "iss": "idp",
        "aud": "cf",
    }
    token = jwt.encode(claims, key, algorithm="RS256", headers={"kid": "k1"})
    authenticator = Authenticator(
        AuthSettings(auth_jwks_url=url, auth_issuer="idp", auth_audience="cf")
    )
    actor = await authenticator.verify(token)
    assert (actor.user_id, set(actor.roles), actor.team_id) == ("idp-user", {Role.MANAGER}, "t2")


async def test_rs256_token_signed_by_another_key_is_rejected(
    identity_provider: tuple[str, rsa.RSAPrivateKey],
) -> None:
    url, _ = identity_provider
    other = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    token = jwt.encode(
        {"sub": "x", "exp": time.time() + 60, "iss": "idp", "aud": "cf"},
        other,
        algorithm="RS256",
        headers={"kid": "k1"},
    )
    authenticator = Authenticator(
        AuthSettings(auth_jwks_url=url, auth_issuer="idp", auth_audience="cf")
    )
    with pytest.raises(Unauthenticated):
        await authenticator.verify(token)


@pytest.mark.parametrize("subject", ["", "   ", None])
async def test_a_token_without_a_subject_is_refused(subject: str | None) -> None:
    claims: dict[str, object] = {
        "roles": ["admin"],
        "exp": time.time() + 60,
        "iss": "clientflow",
        "aud": "clientflow",
    }
    if subject is not None:
        claims["sub"] = subject
    token = jwt.encode(claims, SECRET, algorithm="HS256")
    with pytest.raises(Unauthenticated, match="sub"):
        await hs256().verify(token)


@pytest.mark.parametrize("roles", [[], ["superuser"], "root", None])
async def test_a_token_without_a_known_role_is_refused(roles: object) -> None:
    claims: dict[str, object] = {
        "sub": "u1",
        "exp": time.time() + 60,
        "iss": "clientflow",
        "aud": "clientflow",
        "roles": roles,
    }
    token = jwt.encode(claims, SECRET, algorithm="HS256")
    with pytest.raises(Unauthenticated, match="role"):
        await hs256().verify(token)
