"""The gRPC edge: health, reflection, error mapping with field details, scoping,
per-call transactions and graceful drain, on real servers and real PostgreSQL."""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import AsyncIterator
from typing import Any

import grpc
import pytest
from clientflow.clients.v1 import clients_pb2
from clientflow.reporting.v1 import reporting_pb2
from google.protobuf import empty_pb2
from grpc_health.v1 import health_pb2, health_pb2_grpc
from grpc_reflection.v1alpha import reflection_pb2, reflection_pb2_grpc
from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import AsyncEngine

from services.clients.models import Client
from services.common.db import current_session, session_factory
from services.common.errors import (
    Aborted,
    AlreadyExists,
    ClientflowError,
    ErrorCode,
    FailedPrecondition,
    InvalidArgument,
    NotFound,
    PermissionDenied,
    Unauthenticated,
)
from services.common.grpc_client import ServiceClients
from services.common.grpc_errors import from_rpc_error
from services.common.grpc_server import GrpcService, PortInUse
from services.common.identity import Role
from services.common.internal_auth import client_interceptors
from tests.support import ADMIN, TEST_INTERNAL_SECRET, actor, create_client, eventually


class TestHealthAndReflection:
    async def test_every_service_reports_serving(self, services: ServiceClients) -> None:
        for name in ("clients", "notifications", "reporting"):
            assert await services.health(name)

    async def test_reflection_lists_the_service(self, grpc_servers: dict[str, str]) -> None:
        async with grpc.aio.insecure_channel(grpc_servers["clients"]) as channel:
            stub = reflection_pb2_grpc.ServerReflectionStub(channel)

            async def requests() -> AsyncIterator[reflection_pb2.ServerReflectionRequest]:
                yield reflection_pb2.ServerReflectionRequest(list_services="")

            names = [
                service.name
                async for reply in stub.ServerReflectionInfo(requests())
                for service in reply.list_services_response.service
            ]
        assert "clientflow.clients.v1.ClientsService" in names
        assert "grpc.health.v1.Health" in names


class TestClients:
    async def test_create_then_get_round_trips_a_cjk_name(self, services: ServiceClients) -> None:
        created = await create_client(services.clients, name="张伟", advisor_id="adv-a")
        got = await services.clients.GetClient(
            clients_pb2.GetClientRequest(id=created.id), metadata=ADMIN.to_metadata()
        )
        assert got.name == "张伟"
        assert got.advisor_id == "adv-a"
        assert got.version == 1

    async def test_missing_client_is_not_found_naming_the_id(
        self, services: ServiceClients
    ) -> None:
        missing = str(uuid.uuid4())
        with pytest.raises(grpc.aio.AioRpcError) as raised:
            await services.clients.GetClient(
                clients_pb2.GetClientRequest(id=missing), metadata=ADMIN.to_metadata()
            )
        assert raised.value.code() is grpc.StatusCode.NOT_FOUND
        error = from_rpc_error(raised.value)
        assert (error.code, error.field, error.value) == (ErrorCode.NOT_FOUND, "id", missing)

    async def test_malformed_id_is_invalid_argument_with_field_and_value(
        self, services: ServiceClients
    ) -> None:
        with pytest.raises(grpc.aio.AioRpcError) as raised:
            await services.clients.GetClient(
                clients_pb2.GetClientRequest(id="nope'; drop"), metadata=ADMIN.to_metadata()
            )
        assert raised.value.code() is grpc.StatusCode.INVALID_ARGUMENT
        error = from_rpc_error(raised.value)
        assert isinstance(error, InvalidArgument)
        assert error.field == "id"
        assert error.value == "nope'; drop"
        assert "Traceback" not in (raised.value.details() or "")

    async def test_empty_name_is_rejected_and_nothing_is_written(
        self, services: ServiceClients, engine: AsyncEngine
    ) -> None:
        advisor = f"adv-{uuid.uuid4().hex[:6]}"
        with pytest.raises(grpc.aio.AioRpcError) as raised:
            await services.clients.CreateClient(
                clients_pb2.CreateClientRequest(
                    kind=clients_pb2.CLIENT_KIND_INDIVIDUAL, name="  ", advisor_id=advisor
                ),
                metadata=ADMIN.to_metadata(),
            )
        assert from_rpc_error(raised.value).field == "name"
        async with session_factory(engine)() as session:
            rows = (await session.execute(select(Client).where(Client.advisor_id == advisor))).all()
        assert rows == []

    async def test_advisor_sees_own_client_and_not_another_advisors(
        self, services: ServiceClients
    ) -> None:
        mine = await create_client(services.clients, advisor_id="adv-own")
        theirs = await create_client(services.clients, advisor_id="adv-other")
        me = actor("adv-own", Role.ADVISOR)
        got = await services.clients.GetClient(
            clients_pb2.GetClientRequest(id=mine.id), metadata=me.to_metadata()
        )
        assert got.id == mine.id
        with pytest.raises(grpc.aio.AioRpcError) as raised:
            await services.clients.GetClient(
                clients_pb2.GetClientRequest(id=theirs.id), metadata=me.to_metadata()
            )
        assert raised.value.code() is grpc.StatusCode.NOT_FOUND

    async def test_manager_sees_the_team_only(self, services: ServiceClients) -> None:
        in_team = await create_client(services.clients, team_id="team-a")
        other_team = await create_client(services.clients, team_id="team-b")
        manager = actor("mgr-1", Role.MANAGER, team="team-a")
        await services.clients.GetClient(
            clients_pb2.GetClientRequest(id=in_team.id), metadata=manager.to_metadata()
        )
        with pytest.raises(grpc.aio.AioRpcError) as raised:
            await services.clients.GetClient(
                clients_pb2.GetClientRequest(id=other_team.id), metadata=manager.to_metadata()
            )
        assert raised.value.code() is grpc.StatusCode.NOT_FOUND

    async def test_advisor_cannot_create_for_another_advisor(
        self, services: ServiceClients
    ) -> None:
        with pytest.raises(grpc.aio.AioRpcError) as raised:
            await create_client(
                services.clients, advisor_id="adv-x", as_actor=actor("adv-y", Role.ADVISOR)
            )
        assert raised.value.code() is grpc.StatusCode.PERMISSION_DENIED

    async def test_a_call_without_an_actor_is_unauthenticated(
        self, services: ServiceClients
    ) -> None:
        with pytest.raises(grpc.aio.AioRpcError) as raised:
            await services.clients.GetClient(clients_pb2.GetClientRequest(id=str(uuid.uuid4())))
        assert raised.value.code() is grpc.StatusCode.UNAUTHENTICATED


class TestReporting:
    async def test_missing_artifact_is_not_found(self, services: ServiceClients) -> None:
        with pytest.raises(grpc.aio.AioRpcError) as raised:
            await services.reporting.GetArtifact(
                reporting_pb2.GetArtifactRequest(id=str(uuid.uuid4())),
                metadata=ADMIN.to_metadata(),
            )
        assert raised.value.code() is grpc.StatusCode.NOT_FOUND


# -- the interceptor itself, on a throwaway service ------------------------------------


def _test_service(engine: AsyncEngine, behaviours: dict[str, object]) -> GrpcService:
    handlers = {
        name: grpc.unary_unary_rpc_method_handler(
            fn,
            request_deserializer=empty_pb2.Empty.FromString,
            response_serializer=empty_pb2.Empty.SerializeToString,
        )
        for name, fn in behaviours.items()
    }

    def register(server: grpc.aio.Server) -> None:
        server.add_generic_rpc_handlers(
            [grpc.method_handlers_generic_handler("test.Probe", handlers)]
        )

    return GrpcService(
        service_names=["test.Probe"], register=register, sessions=session_factory(engine)
    )


async def _probe(port: int, method: str) -> empty_pb2.Empty:
    async with grpc.aio.insecure_channel(
        f"127.0.0.1:{port}", interceptors=client_interceptors(TEST_INTERNAL_SECRET, "test.Probe")
    ) as channel:
        call = channel.unary_unary(
            f"/test.Probe/{method}",
            request_serializer=empty_pb2.Empty.SerializeToString,
            response_deserializer=empty_pb2.Empty.FromString,
        )
        reply: empty_pb2.Empty = await call(empty_pb2.Empty(), metadata=ADMIN.to_metadata())
        return reply


class TestInterceptor:
    async def test_unexpected_exception_is_internal_with_trace_id_and_no_traceback(
        self, engine: AsyncEngine
    ) -> None:
        async def boom(_request: empty_pb2.Empty, _context: object) -> empty_pb2.Empty:
            raise RuntimeError("secret detail from deep inside")

        service = _test_service(engine, {"Boom": boom})
        port = await service.start("127.0.0.1", 0, port_setting="X")
        try:
            with pytest.raises(grpc.aio.AioRpcError) as raised:
                await _probe(port, "Boom")
        finally:
            await service.stop(0)
        assert raised.value.code() is grpc.StatusCode.INTERNAL
        details = raised.value.details() or ""
        assert "trace id" in details
        assert "secret detail" not in details and "Traceback" not in details

    async def test_a_failed_call_rolls_back_what_it_wrote(self, engine: AsyncEngine) -> None:
        advisor = f"adv-{uuid.uuid4().hex[:6]}"

        async def write_then_fail(_request: empty_pb2.Empty, _context: object) -> empty_pb2.Empty:
            current_session().add(
                Client(kind="individual", name="half-written", advisor_id=advisor)
            )
            await current_session().flush()
            raise InvalidArgument("name", "half-written", "rejected after the write")

        service = _test_service(engine, {"Fail": write_then_fail})
        port = await service.start("127.0.0.1", 0, port_setting="X")
        try:
            with pytest.raises(grpc.aio.AioRpcError) as raised:
                await _probe(port, "Fail")
        finally:
            await service.stop(0)
        assert raised.value.code() is grpc.StatusCode.INVALID_ARGUMENT
        async with session_factory(engine)() as session:
            assert (
                await session.execute(select(Client).where(Client.advisor_id == advisor))
            ).all() == []

    async def test_stop_drains_in_flight_calls_and_refuses_new_ones(
        self, engine: AsyncEngine
    ) -> None:
        started = asyncio.Event()

        async def slow(_request: empty_pb2.Empty, _context: object) -> empty_pb2.Empty:
            started.set()
            await asyncio.sleep(1.0)
            return empty_pb2.Empty()

        service = _test_service(engine, {"Slow": slow})
        port = await service.start("127.0.0.1", 0, port_setting="X")
        async with grpc.aio.insecure_channel(
            f"127.0.0.1:{port}",
            interceptors=client_interceptors(TEST_INTERNAL_SECRET, "test.Probe"),
        ) as channel:
            health = health_pb2_grpc.HealthStub(channel)
            call = channel.unary_unary(
                "/test.Probe/Slow",
                request_serializer=empty_pb2.Empty.SerializeToString,
                response_deserializer=empty_pb2.Empty.FromString,
            )
            in_flight = asyncio.ensure_future(call(empty_pb2.Empty(), metadata=ADMIN.to_metadata()))
            await started.wait()
            stopping = asyncio.ensure_future(service.stop(5))
            assert isinstance(await in_flight, empty_pb2.Empty)  # finished, not cut off
            await stopping
            with pytest.raises(grpc.aio.AioRpcError):
                await health.Check(health_pb2.HealthCheckRequest(), timeout=1)

    async def test_a_value_postgres_cannot_store_is_invalid_argument_not_internal(
        self, engine: AsyncEngine
    ) -> None:
        async def store_nul(_request: empty_pb2.Empty, _context: object) -> empty_pb2.Empty:
            await current_session().execute(text("select cast(:v as text)"), {"v": "a\x00b"})
            return empty_pb2.Empty()

        service = _test_service(engine, {"Nul": store_nul})
        port = await service.start("127.0.0.1", 0, port_setting="X")
        try:
            with pytest.raises(grpc.aio.AioRpcError) as raised:
                await _probe(port, "Nul")
        finally:
            await service.stop(0)
        assert raised.value.code() is grpc.StatusCode.INVALID_ARGUMENT

    async def test_a_taken_port_is_a_clear_error(self, engine: AsyncEngine) -> None:
        first = _test_service(engine, {})
        port = await first.start("127.0.0.1", 0, port_setting="CLIENTFLOW_X_PORT")
        try:
            with pytest.raises(
                PortInUse, match=f"port 127.0.0.1:{port} is already in use.*CLIENTFLOW_X_PORT"
            ):
                await _test_service(engine, {}).start(
                    "127.0.0.1", port, port_setting="CLIENTFLOW_X_PORT"
                )
        finally:
            await first.stop(0)


@pytest.mark.parametrize(
    ("error", "status"),
    [
        (NotFound("client c1 not found", field="id", value="c1"), grpc.StatusCode.NOT_FOUND),
        (
            InvalidArgument("email", "not-an-email", "must contain @"),
            grpc.StatusCode.INVALID_ARGUMENT,
        ),
        (AlreadyExists("process p1 is already running"), grpc.StatusCode.ALREADY_EXISTS),
        (FailedPrecondition("task t1 is already done"), grpc.StatusCode.FAILED_PRECONDITION),
        (Aborted("client c1 changed: version 3 is stale"), grpc.StatusCode.ABORTED),
        (PermissionDenied("only partners approve"), grpc.StatusCode.PERMISSION_DENIED),
        (Unauthenticated("no actor"), grpc.StatusCode.UNAUTHENTICATED),
    ],
    ids=lambda value: value.name if isinstance(value, grpc.StatusCode) else "",
)
async def test_each_domain_error_maps_to_its_status_and_back(
    engine: AsyncEngine, error: ClientflowError, status: grpc.StatusCode
) -> None:
    async def fail(_request: empty_pb2.Empty, _context: object) -> empty_pb2.Empty:
        raise error

    service = _test_service(engine, {"Fail": fail})
    port = await service.start("127.0.0.1", 0, port_setting="X")
    try:
        with pytest.raises(grpc.aio.AioRpcError) as raised:
            await _probe(port, "Fail")
    finally:
        await service.stop(0)
    assert raised.value.code() is status
    back = from_rpc_error(raised.value)
    assert (type(back), back.message, back.field) == (type(error), error.message, error.field)
    if error.value is not None:
        assert back.value == error.value


class TestHealthWatch:
    async def test_watch_streams_serving_then_not_serving_on_stop(
        self, engine: AsyncEngine
    ) -> None:
        """Load balancers and `grpc_health_probe -watch` use Watch: it must stream, through
        the OpenTelemetry server instrumentation, and say NOT_SERVING when the server stops."""
        service = _test_service(engine, {})
        port = await service.start("127.0.0.1", 0, port_setting="X")
        async with grpc.aio.insecure_channel(f"127.0.0.1:{port}") as channel:
            watch = health_pb2_grpc.HealthStub(channel).Watch(health_pb2.HealthCheckRequest())
            first = await asyncio.wait_for(watch.read(), 5)
            assert first.status == health_pb2.HealthCheckResponse.SERVING
            stopping = asyncio.ensure_future(service.stop(1))
            second = await asyncio.wait_for(watch.read(), 5)
            assert second.status == health_pb2.HealthCheckResponse.NOT_SERVING
            watch.cancel()
            await stopping

    async def test_on_stop_health_says_not_serving_while_calls_still_land(
        self, engine: AsyncEngine
    ) -> None:
        """The drain: whoever watches health moves away before new calls are refused."""
        service = _test_service(engine, {"Ping": _empty})
        port = await service.start("127.0.0.1", 0, port_setting="X")
        stopping = asyncio.ensure_future(service.stop(1, drain=1.0))
        await asyncio.sleep(0.2)
        async with grpc.aio.insecure_channel(f"127.0.0.1:{port}") as channel:
            reply = await health_pb2_grpc.HealthStub(channel).Check(
                health_pb2.HealthCheckRequest(), timeout=1
            )
        assert reply.status == health_pb2.HealthCheckResponse.NOT_SERVING
        assert isinstance(await _probe(port, "Ping"), empty_pb2.Empty)  # still answered
        await stopping


class TestDatabaseOutage:
    async def test_an_unreachable_database_is_unavailable_not_internal(self) -> None:
        from services.common.db import create_engine
        from tests.support import free_port

        dead = create_engine(
            f"postgresql+asyncpg://postgres@127.0.0.1:{free_port()}/none", pool_size=1
        )

        async def read(_request: empty_pb2.Empty, _context: object) -> empty_pb2.Empty:
            await current_session().execute(text("select 1"))
            return empty_pb2.Empty()

        service = _test_service(dead, {"Read": read})
        port = await service.start("127.0.0.1", 0, port_setting="X")
        try:
            with pytest.raises(grpc.aio.AioRpcError) as raised:
                await _probe(port, "Read")
        finally:
            await service.stop(0)
            await dead.dispose()
        assert raised.value.code() == grpc.StatusCode.UNAVAILABLE
        assert "retry" in (raised.value.details() or "")

    async def test_health_follows_the_database(self, engine: AsyncEngine) -> None:
        answers = True

        async def database() -> bool:
            if not answers:
                raise OSError("connection refused")
            return True

        service = _test_service(engine, {})
        port = await service.start("127.0.0.1", 0, port_setting="X")
        service.watch_dependency(database, interval=0.1)
        serving = health_pb2.HealthCheckResponse.SERVING
        try:
            async with grpc.aio.insecure_channel(f"127.0.0.1:{port}") as channel:
                health = health_pb2_grpc.HealthStub(channel)

                async def status() -> int:
                    reply = await health.Check(health_pb2.HealthCheckRequest(), timeout=1)
                    return int(reply.status)

                assert await status() == serving
                answers = False
                await eventually(
                    lambda: _is(status, health_pb2.HealthCheckResponse.NOT_SERVING), "NOT_SERVING"
                )
                answers = True
                await eventually(lambda: _is(status, serving), "SERVING again")
        finally:
            await service.stop(0)

    async def test_health_needs_every_watched_dependency(self, engine: AsyncEngine) -> None:
        temporal_up = True

        async def database() -> bool:
            return True

        async def temporal() -> bool:
            return temporal_up

        service = _test_service(engine, {})
        port = await service.start("127.0.0.1", 0, port_setting="X")
        service.watch_dependency(database, interval=0.1)
        service.watch_dependency(temporal, interval=0.1, name="temporal")
        try:
            async with grpc.aio.insecure_channel(f"127.0.0.1:{port}") as channel:
                health = health_pb2_grpc.HealthStub(channel)

                async def status() -> int:
                    reply = await health.Check(health_pb2.HealthCheckRequest(), timeout=1)
                    return int(reply.status)

                temporal_up = False
                await eventually(
                    lambda: _is(status, health_pb2.HealthCheckResponse.NOT_SERVING),
                    "NOT_SERVING while Temporal is away, though the database answers",
                )
                temporal_up = True
                await eventually(
                    lambda: _is(status, health_pb2.HealthCheckResponse.SERVING), "SERVING"
                )
        finally:
            await service.stop(0)

    async def test_what_needs_a_dependency_known_down_fails_fast(self, engine: AsyncEngine) -> None:
        """While Temporal is known down, a method that needs it answers UNAVAILABLE at once
        (not after its own time-out); one that does not keeps serving; when Temporal answers
        again, both serve."""
        temporal_up = True

        async def temporal() -> bool:
            return temporal_up

        service = _test_service(engine, {"Needs": _empty, "Plain": _empty})
        port = await service.start("127.0.0.1", 0, port_setting="X")
        service.watch_dependency(temporal, interval=0.1, name="temporal")
        service.fail_fast("temporal", lambda method: method.endswith("/Needs"))
        try:
            temporal_up = False

            async def refused() -> bool:
                try:
                    await _probe(port, "Needs")
                except grpc.aio.AioRpcError as error:
                    return error.code() is grpc.StatusCode.UNAVAILABLE
                return False

            await eventually(refused, "UNAVAILABLE while Temporal is down")
            started = time.monotonic()
            with pytest.raises(grpc.aio.AioRpcError) as error:
                await _probe(port, "Needs")
            assert time.monotonic() - started < 0.5
            assert "temporal is not answering" in (error.value.details() or "")
            await _probe(port, "Plain")
            temporal_up = True

            async def served() -> bool:
                return not await refused()

            await eventually(served, "served again once Temporal answers")
        finally:
            await service.stop(0)


async def _empty(_request: empty_pb2.Empty, _context: object) -> empty_pb2.Empty:
    return empty_pb2.Empty()


async def _is(status: Any, expected: int) -> bool:
    return bool(await status() == expected)
