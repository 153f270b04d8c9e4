"""A gRPC service process: health, reflection, error mapping, a session per call, graceful stop."""

from __future__ import annotations

import asyncio
import logging
import signal
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from typing import Any

import grpc
from grpc_health.v1 import health, health_pb2, health_pb2_grpc
from grpc_reflection.v1alpha import reflection
from opentelemetry import metrics, trace
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from services.common.db import bind_session, is_data_error, is_unavailable_error, unbind_session
from services.common.errors import ClientflowError, InvalidArgument, Unavailable
from services.common.grpc_errors import to_rich_status
from services.common.identity import Actor
from services.common.internal_auth import Verifier, bind_actor, verify_call

log = logging.getLogger(__name__)

# grpc enables SO_REUSEPORT by default, which lets a second server silently share a
# taken port; a taken port must be an error instead.
# Uploads (spreadsheet imports) travel as one message; the gateway caps them below this.
MAX_MESSAGE_BYTES = 32 * 1024 * 1024
SERVER_OPTIONS: Sequence[tuple[str, Any]] = (
    ("grpc.so_reuseport", 0),
    ("grpc.max_receive_message_length", MAX_MESSAGE_BYTES),
    ("grpc.max_send_message_length", MAX_MESSAGE_BYTES),
)


# Backstop for input no validator caught: PostgreSQL refusing a value is the caller's error.
UNSTORABLE = InvalidArgument(
    "request", "(text)", "contains characters that cannot be stored, such as NUL"
)
DATABASE_UNAVAILABLE = Unavailable("the service's database is unavailable; retry shortly")


def internal_secret_from_environment() -> str:
    """CLIENTFLOW_INTERNAL_SECRET, which every process of a deployment shares."""
    from services.common.config import EndpointSettings

    secret = EndpointSettings().internal_secret
    if secret is None or not secret.get_secret_value():
        raise ValueError(
            "CLIENTFLOW_INTERNAL_SECRET is not set: services verify every caller's signed identity"
        )
    return secret.get_secret_value()


class PortInUse(Exception):
    """The listening port is taken."""

    def __init__(self, address: str, setting: str) -> None:
        super().__init__(f"port {address} is already in use; choose another with {setting}")


async def _abort(context: grpc.aio.ServicerContext, error: ClientflowError) -> None:
    code, message, trailing = to_rich_status(error)
    context.set_trailing_metadata(trailing)
    await context.abort(code, message)


async def _abort_internal(context: grpc.aio.ServicerContext, method: str) -> None:
    span_context = trace.get_current_span().get_span_context()
    trace_id = format(span_context.trace_id, "032x") if span_context.is_valid else "none"
    log.exception("unhandled error in %s", method, extra={"grpc_method": method})
    await context.abort(grpc.StatusCode.INTERNAL, f"internal error (trace id {trace_id})")


async def _fail(context: grpc.aio.ServicerContext, method: str, error: Exception) -> None:
    """Abort the call with the status `error` deserves; never a traceback."""
    if isinstance(error, ClientflowError):
        await _abort(context, error)
    if is_data_error(error):
        await _abort(context, UNSTORABLE)
    if is_unavailable_error(error):
        log.warning("database unavailable in %s: %s", method, type(error).__name__)
        await _abort(context, DATABASE_UNAVAILABLE)
    await _abort_internal(context, method)


# Per-RPC latency and outcome, by method and status code (one histogram for every service).
RPC_DURATION = metrics.get_meter("clientflow.grpc").create_histogram(
    "clientflow.rpc.server.duration", unit="s", description="gRPC calls served, by method and code"
)


# Missed dependency checks in a row before the methods needing it fail fast.
FAIL_FAST_MISSES = 3


class CallInterceptor(grpc.aio.ServerInterceptor):  # type: ignore[misc]
    """Verifies the caller's signed identity (UNAUTHENTICATED without one), opens a session
    per call (committed on success, rolled back on error) and maps ClientflowError to a
    status with field details; any other exception becomes INTERNAL with a trace id and never
    a traceback. Health checks and reflection need no identity."""

    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession] | None,
        verifier: Verifier,
        unavailable: Callable[[str], str | None] | None = None,
    ) -> None:
        self._sessions = sessions
        self._verifier = verifier
        # Why a method cannot be served right now (a dependency known down), or None.
        self._unavailable = unavailable or (lambda _method: None)

    async def intercept_service(
        self,
        continuation: Callable[[grpc.HandlerCallDetails], Awaitable[grpc.RpcMethodHandler]],
        details: grpc.HandlerCallDetails,
    ) -> grpc.RpcMethodHandler:
        handler = await continuation(details)
        if handler is None or details.method.startswith("/grpc."):
            return handler
        method = details.method
        caller = verify_call(self._verifier, details.invocation_metadata)
        if isinstance(caller, str):
            return _refusal(handler, caller)
        down = self._unavailable(method)
        if down is not None:
            return _refusal(handler, down, grpc.StatusCode.UNAVAILABLE)
        if handler.unary_unary is not None:
            return grpc.unary_unary_rpc_method_handler(
                self._wrap_unary(handler.unary_unary, method, caller),
                request_deserializer=handler.request_deserializer,
                response_serializer=handler.response_serializer,
            )
        if handler.unary_stream is not None:
            return grpc.unary_stream_rpc_method_handler(
                self._wrap_stream(handler.unary_stream, method, caller),
                request_deserializer=handler.request_deserializer,
                response_serializer=handler.response_serializer,
            )
        return handler

    def _wrap_unary(
        self, behavior: Callable[..., Awaitable[Any]], method: str, caller: Actor
    ) -> Callable[..., Any]:
        async def call(request: Any, context: grpc.aio.ServicerContext) -> Any:
            bind_actor(caller)
            started = time.perf_counter()
            try:
                if self._sessions is None:
                    return await behavior(request, context)
                async with self._sessions() as session:
                    token = bind_session(session)
                    try:
                        response = await behavior(request, context)
                        await session.commit()
                        return response
                    finally:
                        unbind_session(token)
            except grpc.aio.AbortError:
                raise
            except Exception as error:
                await _fail(context, method, error)
            finally:
                code = context.code()
                RPC_DURATION.record(
                    time.perf_counter() - started,
                    {
                        "rpc.method": method,
                        "rpc.grpc.status_code": code.name
                        if isinstance(code, grpc.StatusCode)
                        else "OK",
                    },
                )

        return call

    def _wrap_stream(
        self, behavior: Callable[..., AsyncIterator[Any]], method: str, caller: Actor
    ) -> Callable[..., Any]:
        async def call(request: Any, context: grpc.aio.ServicerContext) -> AsyncIterator[Any]:
            bind_actor(caller)
            try:
                if self._sessions is None:
                    async for item in behavior(request, context):
                        yield item
                    return
                async with self._sessions() as session:
                    token = bind_session(session)
                    try:
                        async for item in behavior(request, context):
                            yield item
                        await session.commit()
                    finally:
                        unbind_session(token)
            except grpc.aio.AbortError:
                raise
            except Exception as error:
                await _fail(context, method, error)

        return call


def _refusal(
    handler: grpc.RpcMethodHandler,
    reason: str,
    code: grpc.StatusCode = grpc.StatusCode.UNAUTHENTICATED,
) -> grpc.RpcMethodHandler:
    """A handler that refuses the call (UNAUTHENTICATED unless told), whatever its shape."""

    async def refuse(_request: Any, context: grpc.aio.ServicerContext) -> Any:
        await context.abort(code, reason)

    async def refuse_stream(_request: Any, context: grpc.aio.ServicerContext) -> AsyncIterator[Any]:
        await context.abort(code, reason)
        yield None  # pragma: no cover

    if handler.unary_stream is not None:
        return grpc.unary_stream_rpc_method_handler(
            refuse_stream,
            request_deserializer=handler.request_deserializer,
            response_serializer=handler.response_serializer,
        )
    return grpc.unary_unary_rpc_method_handler(
        refuse,
        request_deserializer=handler.request_deserializer,
        response_serializer=handler.response_serializer,
    )


class HealthServicer(health.aio.HealthServicer):  # type: ignore[misc]
    """grpc.health.v1 whose Watch is an async generator: the stock one writes with
    `context.write`, which the OpenTelemetry server instrumentation (it iterates a streaming
    handler's result) turns into a TypeError on every Watch."""

    async def Watch(
        self, request: health_pb2.HealthCheckRequest, context: grpc.aio.ServicerContext
    ) -> AsyncIterator[health_pb2.HealthCheckResponse]:
        condition = self._server_watchers[request.service]
        self._watcher_count_by_service[request.service] += 1
        last = None
        try:
            async with condition:
                while True:
                    status = self._server_status.get(
                        request.service, health_pb2.HealthCheckResponse.SERVICE_UNKNOWN
                    )
                    if status != last:
                        yield health_pb2.HealthCheckResponse(status=status)
                    last = status
                    await condition.wait()
        finally:
            self._watcher_count_by_service[request.service] -= 1
            if self._watcher_count_by_service[request.service] == 0:
                del self._server_watchers[request.service]
                del self._watcher_count_by_service[request.service]


class GrpcService:
    """One gRPC server with health and reflection for the given service names."""

    def __init__(
        self,
        *,
        service_names: Sequence[str],
        register: Callable[[grpc.aio.Server], None],
        sessions: async_sessionmaker[AsyncSession] | None,
        on_start: Callable[[], None] | None = None,
        on_stop: Callable[[], Awaitable[None]] | None = None,
    ) -> None:
        self.service_names = list(service_names)
        # The audience of the identities this server accepts: the service's proto package
        # ("clientflow.clients.v1.ClientsService" -> "clients").
        first = self.service_names[0]
        self.audience = first.split(".")[1] if first.startswith("clientflow.") else first
        secret = internal_secret_from_environment()
        # Background work beside the server (e.g. a dispatcher): started after the server,
        # stopped after in-flight calls drained.
        self.on_start = on_start
        self.on_stop = on_stop
        self.server = grpc.aio.server(
            interceptors=[
                CallInterceptor(sessions, Verifier(secret, self.audience), self.unavailable)
            ],
            options=SERVER_OPTIONS,
        )
        self.health = HealthServicer()
        self._watchers: list[asyncio.Future[None]] = []
        self._failing: set[str] = set()
        self._needs: dict[str, Callable[[str], bool]] = {}
        self._misses: dict[str, int] = {}
        self._stopping = False
        register(self.server)
        health_pb2_grpc.add_HealthServicer_to_server(self.health, self.server)
        reflection.enable_server_reflection(
            [*self.service_names, health.SERVICE_NAME, reflection.SERVICE_NAME], self.server
        )
        self.port = 0

    async def start(
        self,
        host: str,
        port: int,
        *,
        port_setting: str,
        tls: tuple[bytes, bytes, bytes] | None = None,
    ) -> int:
        """Bind and start; health is SERVING once started. Returns the bound port. With `tls`
        (certificate, key, CA) the port requires clients to present a certificate of the CA."""
        address = f"{host}:{port}"
        try:
            if tls is None:
                self.port = self.server.add_insecure_port(address)
            else:
                cert, key, ca = tls
                credentials = grpc.ssl_server_credentials(
                    [(key, cert)], root_certificates=ca, require_client_auth=True
                )
                self.port = self.server.add_secure_port(address, credentials)
        except RuntimeError:
            raise PortInUse(address, port_setting) from None
        if self.port == 0:
            raise PortInUse(address, port_setting)
        await self.server.start()
        if self.on_start is not None:
            self.on_start()
        for name in ["", *self.service_names]:
            await self.health.set(name, health_pb2.HealthCheckResponse.SERVING)
        return self.port

    def watch_dependency(
        self, check: Callable[[], Awaitable[bool]], interval: float = 5.0, name: str = "database"
    ) -> None:
        """Health follows every watched dependency (the database; Temporal for the workflows
        service), each asked every `interval` seconds: NOT_SERVING while any fails, SERVING
        again once all pass."""
        self._failing.discard(name)

        async def loop() -> None:
            while True:
                await asyncio.sleep(interval)
                try:
                    ok = await asyncio.wait_for(check(), timeout=max(1.0, interval / 2))
                except Exception:
                    ok = False
                was_serving = not self._failing
                if ok:
                    self._failing.discard(name)
                    self._misses[name] = 0
                else:
                    self._failing.add(name)
                    self._misses[name] = self._misses.get(name, 0) + 1
                serving = not self._failing
                if serving != was_serving and not self._stopping:
                    state = health_pb2.HealthCheckResponse
                    log.warning(
                        "dependencies %s",
                        "all answer again" if serving else f"unreachable: {sorted(self._failing)}",
                    )
                    for service in ["", *self.service_names]:
                        await self.health.set(
                            service, state.SERVING if serving else state.NOT_SERVING
                        )

        self._watchers.append(asyncio.ensure_future(loop()))

    def fail_fast(self, dependency: str, needs: Callable[[str], bool]) -> None:
        """While the watched `dependency` is known down, the methods that `needs` it (by full
        method name) answer UNAVAILABLE at once — the caller retries elsewhere or later —
        instead of holding it until the dependency's own time-out (after FAIL_FAST_MISSES
        checks missed in a row); the watch's next passing check lets them through again."""
        self._needs[dependency] = needs

    def unavailable(self, method: str) -> str | None:
        for dependency in self._failing:
            needs = self._needs.get(dependency)
            # Three missed checks in a row: a slow answer or two on a busy machine is not an
            # outage.
            if self._misses.get(dependency, 0) < FAIL_FAST_MISSES:
                continue
            if needs is not None and needs(method):
                return f"{dependency} is not answering; try again in a few seconds"
        return None

    def every(self, interval: float, work: Callable[[float], Awaitable[None]]) -> None:
        """Background work beside the server (`work(interval)` loops), cancelled on stop."""
        self._watchers.append(asyncio.ensure_future(work(interval)))

    async def stop(self, grace: float, drain: float = 0.0) -> None:
        """Say NOT_SERVING, keep serving for `drain` seconds (so whoever watches health moves
        away), then stop accepting and let in-flight calls finish within `grace` seconds."""
        self._stopping = True
        for watcher in self._watchers:
            watcher.cancel()
        for name in ["", *self.service_names]:
            await self.health.set(name, health_pb2.HealthCheckResponse.NOT_SERVING)
        if drain > 0:
            await asyncio.sleep(drain)
        await self.server.stop(grace)
        if self.on_stop is not None:
            await self.on_stop()


def stop_event_on_signals() -> asyncio.Event:
    """An event set by SIGINT or SIGTERM."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    return stop
