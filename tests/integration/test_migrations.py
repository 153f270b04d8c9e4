"""Migrations: one schema and one version table per service, and the models match them."""

from __future__ import annotations

import asyncpg
import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import MetaData
from sqlalchemy.ext.asyncio import AsyncEngine

from services.clients.access_log import AccessEntry  # noqa: F401  (its table is on the clients Base)
from services.clients.create_keys import CreateKey  # noqa: F401  (its table is on the clients Base)
from services.clients.delegation import Delegation  # noqa: F401  (its table is on the clients Base)
from services.clients.fund_models import Fund  # noqa: F401  (its tables are on the clients Base)
from services.clients.mail_capture import CapturedMessage  # noqa: F401  (on the clients Base)
from services.clients.models import Base as ClientsBase
from services.clients.outbox import OutboxRow  # noqa: F401  (its table is on the clients Base)
from services.clients.portal import PortalSignIn  # noqa: F401  (its table is on the clients Base)
from services.clients.record_models import RecordRow  # noqa: F401  (its table is on the clients Base)
from services.clients.valuation_models import Valuation  # noqa: F401  (tables on the clients Base)
from services.common.migrations import MIGRATED_SERVICES, upgrade
from services.notifications.models import Base as NotificationsBase
from services.reporting.models import Base as ReportingBase
from services.workflows.service.models import Base as WorkflowsBase

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
