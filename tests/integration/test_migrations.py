"""Migrations: one schema and one version table per service, and the models match them."""

from __future__ import annotations

import importlib
import pkgutil

import asyncpg
import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import MetaData
from sqlalchemy.ext.asyncio import AsyncEngine

from services.clients.models import Base as ClientsBase
from services.common.migrations import MIGRATED_SERVICES, upgrade
from services.notifications.models import Base as NotificationsBase
from services.reporting.models import Base as ReportingBase
from services.workflows.service.models import Base as WorkflowsBase


def load_models(package: str) -> None:
    """Import every module of a service package: tables live beside the code that uses them
    (a mailbox beside its sync), and each must be in its Base's metadata to be compared."""
    root = importlib.import_module(package)
    for info in pkgutil.walk_packages(root.__path__, f"{package}."):
        if ".migrations" not in info.name and not info.name.endswith("__main__"):
            importlib.import_module(info.name)


for _package in (
    "services.clients",
    "services.notifications",
    "services.reporting",
    "services.workflows.service",
):
    load_models(_package)

METADATA = {
    "clients": ClientsBase.metadata,
    "notifications": NotificationsBase.metadata,
    "reporting": ReportingBase.metadata,
    "workflows": WorkflowsBase.metadata,
}


async def test_each_service_has_its_schema_and_version_table(database_url: str) -> None:
    connection = await asyncpg.connect(database_url.replace("+asyncpg", ""))
    try:
        for service in MIGRATED_SERVICES:
            version = await connection.fetchval(
                f'select version_num from "{service}".alembic_version'
            )
            assert version.startswith(service)
    finally:
        await connection.close()


@pytest.mark.parametrize("service", MIGRATED_SERVICES)
async def test_models_match_the_migrations(engine: AsyncEngine, service: str) -> None:
    metadata: MetaData = METADATA[service]

    def diff(sync_connection):  # type: ignore[no-untyped-def]
        context = MigrationContext.configure(
            sync_connection,
            opts={
                "include_schemas": True,
                "include_name": lambda name, type_, _parent: (
                    (type_ != "schema" or name == service)
                    # a record type's own indexes, made when the type is saved
                    and not (type_ == "index" and str(name).startswith("ixr_"))
                ),
                "version_table_schema": service,
            },
        )
        return compare_metadata(context, metadata)

    async with engine.connect() as connection:
        differences = await connection.run_sync(diff)
    assert differences == [], f"{service}: models and migrations differ: {differences}"


def test_upgrade_is_idempotent(database_url: str) -> None:
    upgrade(database_url)  # a second run finds everything at head
