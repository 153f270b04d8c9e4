"""Alembic, one migration tree and one version table per service schema."""

from __future__ import annotations

import asyncio
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import MetaData, text
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import create_async_engine

SERVICES_ROOT = Path(__file__).resolve().parent.parent
# Order matters only for readability; the schemas do not reference each other.
MIGRATED_SERVICES = ("clients", "notifications", "reporting", "workflows")


def alembic_config(service: str, database_url: str) -> Config:
    """An Alembic Config for one service, built in code (no alembic.ini needed)."""
    config = Config()
    config.set_main_option("script_location", str(SERVICES_ROOT / service / "migrations"))
    config.set_main_option("sqlalchemy.url", database_url.replace("%", "%%"))
    config.attributes["schema"] = service
    return config


def upgrade(database_url: str, services: tuple[str, ...] = MIGRATED_SERVICES) -> None:
    """Apply every service's migrations up to head (synchronous; run off the event loop)."""
    for service in services:
        command.upgrade(alembic_config(service, database_url), "head")


def run_env(target_metadata: MetaData) -> None:
    """Body of each service's migrations/env.py (online mode, asyncpg)."""
    from alembic import context

    config = context.config
    schema = str(config.attributes["schema"])
    url = config.get_main_option("sqlalchemy.url")
    assert url is not None

    def migrate(connection: Connection) -> None:
        connection.execute(text(f'CREATE SCHEMA IF NOT EXISTS "{schema}"'))
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            version_table_schema=schema,
            include_schemas=True,
            include_name=lambda name, type_, _parent: type_ != "schema" or name == schema,
        )
        with context.begin_transaction():
            context.run_migrations()

    async def run() -> None:
        engine = create_async_engine(url)
        async with engine.begin() as connection:
            await connection.run_sync(migrate)
        await engine.dispose()

    asyncio.run(run())
