"""Request-scoped dependencies."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from services.common.grpc_client import ServiceClients
from services.common.identity import Actor
from services.gateway.auth import current_actor


def service_clients(request: Request) -> ServiceClients:
    """The gRPC stubs opened at start-up."""
    clients: ServiceClients = request.app.state.services
    return clients


CurrentActor = Annotated[Actor, Depends(current_actor)]
Services = Annotated[ServiceClients, Depends(service_clients)]
