"""Identity between processes: nothing is trusted for being inside the deployment.

Every call from one process to a service carries a short-lived JWT (HS256 with the
deployment's internal secret, audience = the service called, a minute of life) naming the
person acting: their id, roles, home team and the teams they manage. A client interceptor
signs it from the actor a call site gives (``metadata=actor.to_metadata()``) and also gives
every call a default deadline; the server side verifies it before anything else and refuses a
call without a valid one (UNAUTHENTICATED). A process on the host or the network that can
reach a service's port but not the secret gets nowhere.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from contextvars import ContextVar
from typing import Any

import grpc
import jwt

from services.common.errors import PermissionDenied
from services.common.identity import (
    ACTOR_KEY,
    CAUSE_KEY,
    MANAGED_KEY,
    ROLES_KEY,
    TEAM_KEY,
    Actor,
)

IDENTITY_KEY = "x-clientflow-identity"
ISSUER = "clientflow-internal"
TOKEN_SECONDS = 60
DEFAULT_DEADLINE_SECONDS = 30.0
_ACTOR_KEYS = frozenset({ACTOR_KEY, ROLES_KEY, TEAM_KEY, MANAGED_KEY, CAUSE_KEY})

_CURRENT: ContextVar[Actor | None] = ContextVar("clientflow_actor", default=None)


def current_cause() -> tuple[str | None, int | None]:
    """The event the served call's changes answer and the rule chain's depth (None, None
    for a person's change or outside a served call)."""
    actor = _CURRENT.get()
    if actor is None or not actor.cause:
        return None, None
    return actor.cause, actor.depth


def current_actor() -> Actor:
    """The verified caller of the gRPC call being served. The server interceptor refuses a
    call without one (UNAUTHENTICATED) before any servicer runs, so servicers and the
    services they call take an `Actor`, never None; asking outside a served call is a bug."""
    actor = _CURRENT.get()
    if actor is None:
        raise PermissionDenied("the call carries no verified caller identity")
    return actor


class Signer:
    """Signs an actor for one audience; tokens are reused for part of their life."""

    def __init__(self, secret: str, *, clock: Callable[[], float] = time.time) -> None:
        self._secret = secret
        self._clock = clock
        self._cache: dict[tuple[str, tuple[tuple[str, str], ...]], tuple[float, str]] = {}

    def sign(self, actor_items: tuple[tuple[str, str], ...], audience: str) -> str:
        now = self._clock()
        key = (audience, actor_items)
        cached = self._cache.get(key)
        if cached is not None and cached[0] > now:
            return cached[1]
        values = dict(actor_items)
        claims: dict[str, Any] = {
            "iss": ISSUER,
            "aud": audience,
            "sub": values[ACTOR_KEY],
            "roles": values.get(ROLES_KEY, ""),
            "iat": int(now),
            "exp": int(now) + TOKEN_SECONDS,
        }
        if values.get(TEAM_KEY):
            claims["team"] = values[TEAM_KEY]
        if MANAGED_KEY in values:
            claims["managed"] = values[MANAGED_KEY]
        if values.get(CAUSE_KEY):
            claims["cause"] = values[CAUSE_KEY]
        token = jwt.encode(claims, self._secret, algorithm="HS256")
        if len(self._cache) > 10_000:
            self._cache.clear()
        # Reused for half its life, so a receiver never sees one about to expire.
        self._cache[key] = (now + TOKEN_SECONDS / 2, token)
        return token


class Verifier:
    """Verifies identity tokens addressed to one service."""

    def __init__(self, secret: str, audience: str) -> None:
        self._secret = secret
        self.audience = audience

    def verify(self, token: str) -> Actor:
        """The actor the token names; jwt.PyJWTError when it is not valid for us."""
        claims = jwt.decode(
            token,
            self._secret,
            algorithms=["HS256"],
            audience=self.audience,
            issuer=ISSUER,
            options={"require": ["exp", "sub", "aud", "iss"]},
        )
        # Back to the metadata the caller signed, read by the one parser of it.
        items = [(ACTOR_KEY, str(claims["sub"])), (ROLES_KEY, str(claims.get("roles", "")))]
        if claims.get("team"):
            items.append((TEAM_KEY, str(claims["team"])))
        if "managed" in claims:
            items.append((MANAGED_KEY, str(claims["managed"])))
        if claims.get("cause"):
            items.append((CAUSE_KEY, str(claims["cause"])))
        actor = Actor.from_metadata(items)
        assert actor is not None  # `sub` is required above
        return actor


# -- client side ---------------------------------------------------------------------------


def _details(
    details: grpc.aio.ClientCallDetails, signer: Signer, audience: str
) -> grpc.aio.ClientCallDetails:
    metadata = list(details.metadata or ())
    actor_items = tuple((k, str(v)) for k, v in metadata if k in _ACTOR_KEYS)
    rest = [(k, v) for k, v in metadata if k not in _ACTOR_KEYS and k != IDENTITY_KEY]
    if actor_items and any(k == ACTOR_KEY for k, _ in actor_items):
        rest.append((IDENTITY_KEY, signer.sign(tuple(sorted(actor_items)), audience)))
    timeout = details.timeout if details.timeout is not None else DEFAULT_DEADLINE_SECONDS
    return grpc.aio.ClientCallDetails(
        method=details.method,
        timeout=timeout,
        metadata=grpc.aio.Metadata(*rest),
        credentials=details.credentials,
        wait_for_ready=details.wait_for_ready,
    )


class _Signing:
    def __init__(self, signer: Signer, audience: str) -> None:
        self.signer = signer
        self.audience = audience


class SignUnaryUnary(_Signing, grpc.aio.UnaryUnaryClientInterceptor):  # type: ignore[misc]
    async def intercept_unary_unary(
        self, continuation: Callable[..., Any], details: grpc.aio.ClientCallDetails, request: Any
    ) -> Any:
        return await continuation(_details(details, self.signer, self.audience), request)


class SignUnaryStream(_Signing, grpc.aio.UnaryStreamClientInterceptor):  # type: ignore[misc]
    async def intercept_unary_stream(
        self, continuation: Callable[..., Any], details: grpc.aio.ClientCallDetails, request: Any
    ) -> Any:
        return await continuation(_details(details, self.signer, self.audience), request)


def client_interceptors(secret: str, audience: str) -> Sequence[grpc.aio.ClientInterceptor]:
    """Interceptors that sign the caller's identity for `audience` and set a default
    deadline on every call of a channel."""
    signer = Signer(secret)
    return [SignUnaryUnary(signer, audience), SignUnaryStream(signer, audience)]


# -- server side ---------------------------------------------------------------------------


def verify_call(verifier: Verifier, metadata: Sequence[tuple[str, Any]] | None) -> Actor | str:
    """The verified actor of an incoming call, or why it is refused."""
    token = next((v for k, v in (metadata or ()) if k == IDENTITY_KEY), None)
    if not isinstance(token, str) or not token:
        return f"the call carries no {IDENTITY_KEY} token"
    try:
        return verifier.verify(token)
    except jwt.ExpiredSignatureError:
        return "the identity token has expired"
    except jwt.PyJWTError as error:
        return f"the identity token is not valid for {verifier.audience}: {error}"


def bind_actor(actor: Actor) -> Any:
    return _CURRENT.set(actor)
