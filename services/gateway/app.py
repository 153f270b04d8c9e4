"""The HTTP gateway: authentication, validation and problem+json over the gRPC services."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import uvicorn
from fastapi import FastAPI
from opentelemetry.instrumentation.fastapi import FastAPIInstrumentor

from services.common.grpc_client import ServiceClients
from services.common.http_server import AccessLog, bind_socket
from services.common.telemetry import setup_telemetry, shutdown_telemetry
from services.gateway.auth import Authenticator
from services.gateway.directory import DirectoryResolver
from services.gateway.docs import install_docs
from services.gateway.errors import install_error_handlers
from services.gateway.limits import RateLimiter, RequestLimits
from services.gateway.openapi import install_openapi
from services.gateway.portal_auth import PortalTokens
from services.gateway.routers import (
    access,
    calendar,
    capital_events,
    client_records,
    clients,
    custom_records,
    definitions,
    dev,
    directory,
    events,
    funds,
    health,
    mailbox,
    me,
    notifications,
    portal,
    portal_funds,
    portal_processes,
    portal_reports,
    portfolio,
    process_definitions,
    processes,
    record_views,
    reports,
    requests,
    segments,
    subscriptions,
    surveys,
    tasks,
    timeline,
    transfer,
    wecom,
)
from services.gateway.settings import GatewaySettings

log = logging.getLogger(__name__)

DESCRIPTION = """Clientflow's HTTP API. Every `/v1` route needs `Authorization: Bearer <JWT>`;
errors are `application/problem+json`."""


def create_app(settings: GatewaySettings, services: ServiceClients | None = None) -> FastAPI:
    """The FastAPI app; `services` are injected by tests, opened from settings otherwise."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        owned = services is None
        app.state.services = services or ServiceClients.connect(settings)
        app.state.directory = DirectoryResolver(
            app.state.services.directory, settings.directory_cache_seconds
        )
        try:
            yield
        finally:
            if owned:
                await app.state.services.close()

    # Docs are served from the package (install_docs): no CDN, no ReDoc.
    app = FastAPI(
        title="Clientflow",
        version="1",
        description=DESCRIPTION,
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
        # operationId = the route's function name (unique across the API): what the
        # generated clients call their functions.
        generate_unique_id_function=lambda route: route.name,
    )
    app.state.authenticator = Authenticator(settings)
    internal = settings.internal_secret.get_secret_value() if settings.internal_secret else None
    app.state.portal_tokens = PortalTokens(internal)
    if services is not None:
        app.state.services = services
        app.state.directory = DirectoryResolver(
            services.directory, settings.directory_cache_seconds
        )
    install_error_handlers(app)
    for router in (
        health.router,
        mailbox.router,  # before me: /v1/me/mailbox
        calendar.router,
        wecom.router,
        me.router,
        transfer.router,
        clients.router,
        client_records.router,
        timeline.router,
        portfolio.router,
        funds.router,
        capital_events.router,
        segments.router,
        subscriptions.router,
        record_views.router,  # before custom_records: /views is not a record id
        custom_records.router,
        definitions.router,
        processes.router,
        process_definitions.router,
        notifications.router,
        tasks.router,
        requests.router,
        portal.router,
        portal_processes.router,
        portal_reports.router,
        portal_funds.router,
        surveys.router,
        events.router,
        reports.router,
        directory.router,
        access.router,
    ):
        app.include_router(router)
    app.state.settings = settings
    if settings.dev_sign_in and settings.auth_jwt_secret and not settings.auth_jwks_url:
        app.include_router(dev.router)
    install_openapi(app)
    install_docs(app)
    app.state.rate_limiter = RateLimiter(
        settings.expensive_rate_per_minute, settings.expensive_burst
    )
    # Outermost: a body over the limit is refused before authentication or routing read it.
    app.add_middleware(RequestLimits)
    # One line per request: route template, status, duration, actor id, trace id.
    app.add_middleware(AccessLog)
    FastAPIInstrumentor.instrument_app(app, excluded_urls="healthz,readyz")
    return app


async def serve(settings: GatewaySettings) -> None:
    """Serve HTTP until SIGINT/SIGTERM (uvicorn drains open requests)."""
    setup_telemetry("gateway", settings)
    try:
        app = create_app(settings)
        sock = bind_socket(settings.bind_host, settings.gateway_port)
        config = uvicorn.Config(app, log_config=None, access_log=False, timeout_graceful_shutdown=5)
        log.info("gateway listening", extra={"port": settings.gateway_port})
        await uvicorn.Server(config).serve(sockets=[sock])
    finally:
        shutdown_telemetry()
