"""Domain logic of the clients service: the client record itself."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm.exc import StaleDataError

from services.clients import audit, create_keys, validation as v
from services.clients.custom_fields import FieldSpec, apply_values
from services.clients.directory import DirectoryService
from services.clients.filters import ClientFilterSpec, conditions
from services.clients.models import Client, ExternalId
from services.clients.repository import ClientRepository
from services.clients.scope import ClientScope, assigned_team
from services.common.errors import (
    Aborted,
    AlreadyExists,
    InvalidArgument,
    NotFound,
    PermissionDenied,
)
from services.common.identity import Actor, Role
from services.common.ids import parse_id, parse_ids
from services.common.pagination import encode_cursor, page_size, parse_cursor

# API field -> (column, validator). Validators return the stored value (None clears).
FIELDS: dict[str, tuple[str, Callable[[Any], Any]]] = {
    "name": ("name", lambda x: v.text("name", x, max_length=200, required=True)),
    "kind": ("kind", v.kind),
    "advisor_id": ("advisor_id", lambda x: v.text("advisor_id", x, max_length=64, required=True)),
    "team_id": ("team_id", lambda x: v.text("team_id", x, max_length=64)),
    "phone": ("phone", lambda x: v.phone("phone", x)),
    "email": ("email", lambda x: v.email("email", x)),
    "wecom_id": ("wecom_id", lambda x: v.text("wecom_id", x, max_length=64)),
    "preferred_channel": ("preferred_channel", lambda x: v.channel("preferred_channel", x)),
    "locale": ("locale", lambda x: v.locale(x) or "zh-CN"),
    "timezone": ("timezone", lambda x: v.timezone("timezone", x) or "Asia/Shanghai"),
    "source_channel": ("source_channel", lambda x: v.text("source_channel", x, max_length=64)),
    "signed_on": ("signed_on", lambda x: v.iso_date("signed_on", x)),
    "birthday": ("birthday", lambda x: v.iso_date("birthday", x)),
    "contract_end": ("contract_end", lambda x: v.iso_date("contract_end", x)),
    "status": ("status", lambda x: v.status(x) or "active"),
    "kyc_status": ("kyc_status", lambda x: v.kyc_status(x) or "pending"),
    "kyc_expires_on": ("kyc_expires_on", lambda x: v.iso_date("kyc_expires_on", x)),
    "risk_level": ("risk_level", v.risk_level),
    "risk_answers": ("risk_answers", lambda x: v.json_object("risk_answers", x)),
    "investment_preferences": (
        "investment_preferences",
        lambda x: v.tags("investment_preferences", x),
    ),
    "tags": ("tags", lambda x: v.tags("tags", x)),
}
SPECIAL = {"custom_fields", "external_ids"}
ASSIGNMENT = {"advisor_id", "team_id"}
WRITABLE = set(FIELDS) | SPECIAL

# Clients of one BatchGetClients call.
BATCH_GET_MOST = 100


def parse_client_id(value: str, *, field: str = "id") -> uuid.UUID:
    """A client id, or INVALID_ARGUMENT naming the field and value."""
    return parse_id(field, value, "a client id")


def snapshot(client: Client) -> dict[str, Any]:
    """The audited fields of a client."""
    return {api: getattr(client, column) for api, (column, _) in FIELDS.items()} | {
        "custom_fields": dict(client.custom_fields or {})
    }


@dataclass(frozen=True)
class ClientPage:
    clients: list[Client]
    next_token: str


class ClientService:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session
        self.repository = ClientRepository(session)

    async def field_specs(self) -> dict[str, FieldSpec]:
        return {
            row.key: FieldSpec.from_row(row) for row in await self.repository.field_definitions()
        }

    async def get(self, actor: Actor, client_id: str, *, for_update: bool = False) -> Client:
        """The client, or NOT_FOUND when missing or outside the actor's scope."""
        scope = ClientScope.for_actor(actor)
        client = await self.repository.get(parse_client_id(client_id), scope, for_update=for_update)
        if client is None:
            raise NotFound(f"client {client_id} not found", field="id", value=client_id)
        return client

    async def get_many(self, actor: Actor, client_ids: Sequence[str]) -> list[Client]:
        """The clients among `client_ids` (1 to 100, each once) the actor may see, in the
        order asked; the others left out, as `get` would answer NOT_FOUND for them."""
        keys = parse_ids("ids", client_ids, "client", BATCH_GET_MOST)
        found = {c.id: c for c in await self.repository.of_ids(keys, ClientScope.for_actor(actor))}
        return [found[key] for key in keys if key in found]

    async def get_with_external_ids(
        self, actor: Actor, client_id: str
    ) -> tuple[Client, list[ExternalId]]:
        """`get` and the client's external ids, in one statement."""
        found = await self.repository.get_with_external_ids(
            parse_client_id(client_id), ClientScope.for_actor(actor)
        )
        if found is None:
            raise NotFound(f"client {client_id} not found", field="id", value=client_id)
        return found

    async def _assign(self, actor: Actor, scope: ClientScope, client: Client) -> None:
        """Check the client's advisor and team against the actor's scope and the directory,
        filling in the team when it follows from them."""
        client.team_id = await assigned_team(
            DirectoryService(self.session), actor, scope, client.advisor_id, client.team_id
        )

    async def _set_external_ids(
        self, actor: Actor, client: Client, raw: Any, *, replace: bool
    ) -> None:
        if raw in (None, ""):
            raw = []
        if not isinstance(raw, list):
            raise InvalidArgument("external_ids", raw, "must be a list of {source, external_id}")
        existing = {
            (e.source, e.external_id) for e in await self.repository.external_ids(client.id)
        }
        wanted: list[tuple[str, str]] = []
        for item in raw:
            source = v.text(
                "external_ids.source", (item or {}).get("source"), max_length=64, required=True
            )
            value = v.text(
                "external_ids.external_id",
                (item or {}).get("external_id"),
                max_length=128,
                required=True,
            )
            assert source is not None and value is not None
            owner = await self.repository.owner_of_external_id(source, value)
            if owner is not None and owner != client.id:
                # Which client holds it is said only to a caller who may see that client (a
                # create retried after its answer was lost finds its own client this way).
                visible = await self.repository.get(owner, ClientScope.for_actor(actor))
                raise AlreadyExists(
                    f"external id {source}:{value} already belongs to "
                    + (f"client {owner}" if visible else "another client"),
                    field="external_ids",
                    value=f"{source}:{value}",
                    extra={"existing_client_id": str(owner)} if visible else None,
                )
            wanted.append((source, value))
        for source, value in wanted:
            if (source, value) not in existing:
                self.session.add(ExternalId(client_id=client.id, source=source, external_id=value))
        if replace:
            for row in await self.repository.external_ids(client.id):
                if (row.source, row.external_id) not in wanted:
                    await self.session.delete(row)

    async def create(
        self, actor: Actor, fields: dict[str, Any], *, idempotency: tuple[str, str] | None = None
    ) -> Client:
        """Validate and insert a client; an advisor creates clients only for themselves.
        `idempotency` is (key, request fingerprint): a repeated key returns its client."""
        scope = ClientScope.for_actor(actor)
        new_id = uuid.uuid4()
        if idempotency is not None:
            key, print_ = idempotency
            earlier = await create_keys.claim_or_replay(
                self.session, actor, create_keys.check_key(key), print_, new_id
            )
            if earlier is not None:
                return await self.get(actor, str(earlier))
        unknown = set(fields) - WRITABLE
        if unknown:
            name = sorted(unknown)[0]
            raise InvalidArgument(name, fields[name], "is not a client field")
        values = dict(fields)
        values.setdefault("advisor_id", actor.user_id)
        values["advisor_id"] = values["advisor_id"] or actor.user_id
        values.setdefault("kind", "individual")
        values.setdefault("name", None)
        client = Client(
            id=new_id, custom_fields={}, tags=[], investment_preferences=[], risk_answers={}
        )
        for api, raw in values.items():
            if api in FIELDS:
                column, parse = FIELDS[api]
                setattr(client, column, parse(raw))
        await self._assign(actor, scope, client)
        specs = await self.field_specs()
        client.custom_fields = apply_values(
            specs, {}, v.json_object("custom_fields", values.get("custom_fields")), creating=True
        )
        client = await self.repository.add(client)
        await self._set_external_ids(actor, client, values.get("external_ids"), replace=False)
        await self._flush_unique()
        audit.record(
            self.session,
            actor_id=actor.user_id,
            client_id=client.id,
            entity="client",
            entity_id=client.id,
            action="create",
            changes=audit.diff({}, snapshot(client)),
        )
        return client

    async def update(
        self, actor: Actor, client_id: str, expected_version: int, fields: dict[str, Any]
    ) -> Client:
        """Change the given fields; ABORTED when expected_version is stale."""
        scope = ClientScope.for_actor(actor)
        if not fields:
            raise InvalidArgument("update_mask", [], "names no field to change")
        unknown = set(fields) - WRITABLE
        if unknown:
            name = sorted(unknown)[0]
            raise InvalidArgument(f"update_mask.{name}", name, "is not a writable client field")
        client = await self.get(actor, client_id, for_update=True)
        if expected_version and client.version != expected_version:
            raise Aborted(
                f"client {client_id} has changed: you have version {expected_version}, it is at {client.version}",
                field="version",
                value=expected_version,
            )
        before = snapshot(client)
        for api, raw in fields.items():
            if api in FIELDS:
                column, parse = FIELDS[api]
                setattr(client, column, parse(raw))
        if ASSIGNMENT & set(fields):
            if not actor.has(Role.ADMIN, Role.MANAGER, Role.SERVICE):
                raise PermissionDenied(f"user {actor.user_id} may not reassign clients")
            await self._assign(actor, scope, client)
        if "custom_fields" in fields:
            client.custom_fields = apply_values(
                await self.field_specs(),
                dict(client.custom_fields or {}),
                v.json_object("custom_fields", fields["custom_fields"]),
                creating=False,
            )
        if "external_ids" in fields:
            await self._set_external_ids(actor, client, fields["external_ids"], replace=True)
        changes = audit.diff(before, snapshot(client))
        if changes:
            await self._flush_unique()
            audit.record(
                self.session,
                actor_id=actor.user_id,
                client_id=client.id,
                entity="client",
                entity_id=client.id,
                action="update",
                changes=changes,
            )
        return client

    async def _flush_unique(self) -> None:
        try:
            await self.session.flush()
        except StaleDataError:
            raise Aborted("the client changed while you were saving; reload and retry") from None
        except IntegrityError as error:
            raise AlreadyExists(f"conflicts with an existing record: {error.orig}") from None

    async def list(
        self, actor: Actor, filter_spec: ClientFilterSpec, *, size: int, token: str
    ) -> ClientPage:
        """A page of clients matching the filter within the actor's scope."""
        scope = ClientScope.for_actor(actor)
        limit = page_size(size)
        after = parse_cursor(token, lambda c: (datetime.fromisoformat(c[0]), uuid.UUID(c[1])))
        condition = conditions(filter_spec, await self.field_specs())
        rows = await self.repository.page(scope, condition, limit=limit + 1, after=after)
        next_token = ""
        if len(rows) > limit:
            rows = rows[:limit]
            next_token = encode_cursor([rows[-1].created_at.isoformat(), str(rows[-1].id)])
        return ClientPage(rows, next_token)

    async def search(self, actor: Actor, query: str, *, size: int, token: str) -> ClientPage:
        """Prefix search over name, phone and email within the actor's scope."""
        scope = ClientScope.for_actor(actor)
        cleaned = v.text("query", query, max_length=200, required=True)
        assert cleaned is not None
        limit = page_size(size)
        after = parse_cursor(token, lambda c: (str(c[0]), uuid.UUID(c[1])))
        rows = await self.repository.search(scope, cleaned, limit=limit + 1, after=after)
        next_token = ""
        if len(rows) > limit:
            rows = rows[:limit]
            next_token = encode_cursor([rows[-1].name.lower(), str(rows[-1].id)])
        return ClientPage(rows, next_token)
