"""Admin-managed definitions: custom fields, and versioned configuration documents."""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from services.clients.custom_fields import FieldSpec, parse_definition, validate_value
from services.clients.models import ConfigEntry, CustomFieldDefinition
from services.clients.repository import ClientRepository
from services.common.errors import (
    Aborted,
    AlreadyExists,
    FailedPrecondition,
    InvalidArgument,
    NotFound,
    PermissionDenied,
)
from services.common.identity import Actor, Role

SAMPLE = 5


def require_admin(actor: Actor, what: str) -> Actor:
    """Only admins change definitions."""
    if not actor.has(Role.ADMIN):
        raise PermissionDenied(f"only admins may {what}")
    return actor


class DefinitionService:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session
        self.repository = ClientRepository(session)

    async def list_fields(self) -> list[CustomFieldDefinition]:
        return await self.repository.field_definitions()

    async def define_field(
        self, actor: Actor, raw: dict[str, Any], expected_version: int
    ) -> CustomFieldDefinition:
        """Create a field, or change one after checking every stored value still fits."""
        require_admin(actor, "define custom fields")
        spec = parse_definition(raw)
        row = await self.session.get(CustomFieldDefinition, spec.key)
        if row is None:
            if expected_version:
                raise NotFound(f"custom field {spec.key} not found", field="key", value=spec.key)
            row = CustomFieldDefinition(key=spec.key)
            self._apply(row, spec)
            self.session.add(row)
            if spec.required:
                await self._check_required(spec)
            await self.session.flush()
            return row
        if not expected_version:
            raise AlreadyExists(
                f"custom field {spec.key} exists; send expected_version to change it",
                field="key",
                value=spec.key,
            )
        if row.version != expected_version:
            raise Aborted(
                f"custom field {spec.key} is at version {row.version}, not {expected_version}",
                field="expected_version",
                value=expected_version,
            )
        if (
            spec.type != row.type
            or spec.options != tuple(row.options)
            or spec.pattern != row.pattern
            or (spec.min_value, spec.max_value) != (row.min_value, row.max_value)
        ):
            await self._check_stored_values(spec)
        if spec.required and not row.required:
            await self._check_required(spec)
        self._apply(row, spec)
        await self.session.flush()
        return row

    @staticmethod
    def _apply(row: CustomFieldDefinition, spec: FieldSpec) -> None:
        row.label = spec.label
        row.type = spec.type
        row.required = spec.required
        row.min_value = spec.min_value
        row.max_value = spec.max_value
        row.pattern = spec.pattern
        row.options = list(spec.options)

    async def _check_stored_values(self, spec: FieldSpec) -> None:
        invalid: list[str] = []
        count = 0
        async for client_id, value in self.repository.clients_with_field(spec.key):
            try:
                validate_value(spec, value)
            except InvalidArgument:
                count += 1
                if len(invalid) < SAMPLE:
                    invalid.append(str(client_id))
        if count:
            raise FailedPrecondition(
                f"{count} client(s) hold values of {spec.key} the new definition rejects "
                f"(e.g. {', '.join(invalid)}); change those values first",
                field="definition",
                value=spec.key,
            )

    async def _check_required(self, spec: FieldSpec) -> None:
        missing, sample = await self.repository.clients_without_field(spec.key, SAMPLE)
        if missing:
            raise FailedPrecondition(
                f"{missing} client(s) have no {spec.key} (e.g. {', '.join(map(str, sample))}); "
                "fill it in before making it required",
                field="required",
                value=True,
            )

    async def get_config(self, key: str, default: dict[str, Any]) -> ConfigEntry:
        entry = await self.repository.config(key)
        return (
            entry
            if entry is not None
            else ConfigEntry(key=key, value=default, version=0, updated_by="default")
        )

    async def set_config(
        self, actor: Actor, key: str, value: dict[str, Any], expected_version: int
    ) -> ConfigEntry:
        who = require_admin(actor, f"change the {key}")
        entry = await self.repository.config(key)
        current = entry.version if entry else 0
        if expected_version != current:
            raise Aborted(
                f"{key} is at version {current}, not {expected_version}",
                field="expected_version",
                value=expected_version,
            )
        if entry is None:
            entry = ConfigEntry(key=key, value=value, version=1, updated_by=who.user_id)
            self.session.add(entry)
        else:
            entry.value = value
            entry.version = current + 1
            entry.updated_by = who.user_id
        await self.session.flush()
        return entry
