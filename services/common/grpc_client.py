"""Channels and stubs for calling the services.

Each channel's client interceptor signs the acting person's identity for the service called
and gives a call without one a default deadline (`internal_auth.client_interceptors`). Who acts
comes from the call's metadata: `ServiceClients.acting_as(actor, deadlines)` gives stubs whose
every call carries that actor and its method's deadline, so a request handler names the person
once (the gateway does this per request); code that acts as the system or as the caller of the
call it serves passes `metadata=` itself, so which one it is stays visible where it matters.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar, cast

import grpc
from clientflow.clients.v1 import clients_pb2_grpc
from clientflow.notifications.v1 import notifications_pb2_grpc
from clientflow.reporting.v1 import reporting_pb2_grpc
from clientflow.workflows.v1 import workflows_pb2_grpc
from grpc_health.v1 import health_pb2, health_pb2_grpc

from services.common.config import EndpointSettings
from services.common.grpc_server import MAX_MESSAGE_BYTES, internal_secret_from_environment
from services.common.identity import Actor
from services.common.internal_auth import client_interceptors

SERVICES = ("clients", "notifications", "reporting", "workflows")

CHANNEL_OPTIONS = (
    ("grpc.max_send_message_length", MAX_MESSAGE_BYTES),
    ("grpc.max_receive_message_length", MAX_MESSAGE_BYTES),
    ("grpc.keepalive_time_ms", 30_000),
    ("grpc.keepalive_permit_without_calls", 0),
    ("grpc.enable_retries", 1),
)


def open_channel(
    address: str,
    *,
    secret: str,
    audience: str,
    tls: tuple[bytes, bytes, bytes] | None = None,
    server_name: str | None = None,
) -> grpc.aio.Channel:
    """A channel to the `audience` service whose calls carry the caller's signed identity
    and a default deadline; over mutual TLS when `tls` (certificate, key, CA) is given."""
    interceptors = client_interceptors(secret, audience)
    if tls is None:
        return grpc.aio.insecure_channel(
            address, options=CHANNEL_OPTIONS, interceptors=interceptors
        )
    cert, key, ca = tls
    options: list[tuple[str, object]] = list(CHANNEL_OPTIONS)
    if server_name:
        options.append(("grpc.ssl_target_name_override", server_name))
    return grpc.aio.secure_channel(
        address,
        grpc.ssl_channel_credentials(root_certificates=ca, private_key=key, certificate_chain=cert),
        options=options,
        interceptors=interceptors,
    )


StubT = TypeVar("StubT")


class _Acting:
    """A stub whose calls carry one actor's metadata and, unless the call gives its own
    `timeout`, the deadline `deadlines` names for the method (else `default`)."""

    __slots__ = ("_deadlines", "_default", "_metadata", "_stub")

    def __init__(
        self,
        stub: object,
        metadata: tuple[tuple[str, str], ...],
        deadlines: Mapping[str, float],
        default: float | None,
    ) -> None:
        self._stub = stub
        self._metadata = metadata
        self._deadlines = deadlines
        self._default = default

    def __getattr__(self, name: str) -> Callable[..., Any]:
        method = getattr(self._stub, name)
        deadline = self._deadlines.get(name, self._default)
        acting = self._metadata

        def call(
            request: Any,
            *,
            timeout: float | None = None,
            metadata: Sequence[tuple[str, str]] = (),
            **kwargs: Any,
        ) -> Any:
            return method(
                request,
                timeout=deadline if timeout is None else timeout,
                metadata=(*acting, *metadata),
                **kwargs,
            )

        return call


def _acting(
    stub: StubT,
    metadata: tuple[tuple[str, str], ...],
    deadlines: Mapping[str, float],
    default: float | None,
) -> StubT:
    return cast(StubT, _Acting(stub, metadata, deadlines, default))


@dataclass
class ServiceClients:
    """Stubs for every service, sharing one channel per service."""

    channels: dict[str, grpc.aio.Channel]
    clients: clients_pb2_grpc.ClientsServiceStub
    directory: clients_pb2_grpc.DirectoryServiceStub
    access_log: clients_pb2_grpc.AccessLogServiceStub
    portal_sign_in: clients_pb2_grpc.PortalSignInServiceStub
    notifications: notifications_pb2_grpc.NotificationsServiceStub
    reporting: reporting_pb2_grpc.ReportingServiceStub
    processes: workflows_pb2_grpc.ProcessesServiceStub
    webhooks: workflows_pb2_grpc.WebhooksServiceStub
    calendar: workflows_pb2_grpc.CalendarServiceStub
    tasks: workflows_pb2_grpc.TasksServiceStub
    triggers: workflows_pb2_grpc.TriggersServiceStub
    requests: workflows_pb2_grpc.RequestsServiceStub
    definitions: workflows_pb2_grpc.DefinitionsServiceStub
    custom_records: clients_pb2_grpc.CustomRecordsServiceStub
    portfolio: clients_pb2_grpc.PortfolioServiceStub
    funds: clients_pb2_grpc.FundsServiceStub
    mailboxes: clients_pb2_grpc.MailboxServiceStub
    capture: clients_pb2_grpc.CaptureServiceStub

    @classmethod
    def connect(cls, endpoints: EndpointSettings) -> ServiceClients:
        """Open a channel to each service (lazily connected)."""
        secret = endpoints.internal_secret.get_secret_value() if endpoints.internal_secret else ""
        if not secret:
            secret = internal_secret_from_environment()
        tls = endpoints.grpc_tls()
        channels = {
            name: open_channel(
                endpoints.address(name),
                secret=secret,
                audience=name,
                tls=tls,
                server_name=endpoints.grpc_tls_server_name,
            )
            for name in SERVICES
        }
        return cls(
            channels=channels,
            clients=clients_pb2_grpc.ClientsServiceStub(channels["clients"]),
            directory=clients_pb2_grpc.DirectoryServiceStub(channels["clients"]),
            access_log=clients_pb2_grpc.AccessLogServiceStub(channels["clients"]),
            portal_sign_in=clients_pb2_grpc.PortalSignInServiceStub(channels["clients"]),
            notifications=notifications_pb2_grpc.NotificationsServiceStub(
                channels["notifications"]
            ),
            reporting=reporting_pb2_grpc.ReportingServiceStub(channels["reporting"]),
            processes=workflows_pb2_grpc.ProcessesServiceStub(channels["workflows"]),
            webhooks=workflows_pb2_grpc.WebhooksServiceStub(channels["workflows"]),
            calendar=workflows_pb2_grpc.CalendarServiceStub(channels["workflows"]),
            tasks=workflows_pb2_grpc.TasksServiceStub(channels["workflows"]),
            triggers=workflows_pb2_grpc.TriggersServiceStub(channels["workflows"]),
            requests=workflows_pb2_grpc.RequestsServiceStub(channels["workflows"]),
            definitions=workflows_pb2_grpc.DefinitionsServiceStub(channels["workflows"]),
            custom_records=clients_pb2_grpc.CustomRecordsServiceStub(channels["clients"]),
            portfolio=clients_pb2_grpc.PortfolioServiceStub(channels["clients"]),
            funds=clients_pb2_grpc.FundsServiceStub(channels["clients"]),
            mailboxes=clients_pb2_grpc.MailboxServiceStub(channels["clients"]),
            capture=clients_pb2_grpc.CaptureServiceStub(channels["clients"]),
        )

    def acting_as(
        self,
        actor: Actor,
        deadlines: Mapping[str, float] | None = None,
        *,
        default_deadline: float | None = None,
    ) -> ServiceClients:
        """The same channels, with stubs whose calls act as `actor` and carry the deadline
        `deadlines` gives their method name (`default_deadline` otherwise; None leaves the
        channel's default)."""
        metadata = tuple(actor.to_metadata())
        table = deadlines or {}
        stubs = {
            field.name: _acting(getattr(self, field.name), metadata, table, default_deadline)
            for field in dataclasses.fields(self)
            if field.name != "channels"
        }
        return dataclasses.replace(self, **stubs)

    async def health(self, service: str, timeout: float = 2.0) -> bool:
        """True when `service` answers SERVING."""
        return await serving(self.channels[service], timeout)

    async def close(self) -> None:
        """Close every channel."""
        for channel in self.channels.values():
            await channel.close()


async def serving(channel: grpc.aio.Channel, timeout: float = 2.0) -> bool:
    """True when the server behind `channel` answers grpc.health.v1 SERVING within `timeout`
    (a stopped or hung process cannot)."""
    stub = health_pb2_grpc.HealthStub(channel)
    try:
        reply = await stub.Check(health_pb2.HealthCheckRequest(service=""), timeout=timeout)
    except grpc.RpcError:
        return False
    return bool(reply.status == health_pb2.HealthCheckResponse.SERVING)
