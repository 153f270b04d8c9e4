"""Process definitions at run time: admins put versions (each a draft until published),
publish one, and managers (for their teams' clients) and admins start the latest published
version for a client — the interpreter workflow runs it with the document pinned. The
definitions that ship (services/workflows/definitions/*.json) are there from the start,
published by `system`, for admins to copy and adapt."""

from __future__ import annotations

import functools
import json
import re
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import resources
from typing import Any

import grpc
from clientflow.clients.v1 import clients_pb2, clients_pb2_grpc
from sqlalchemy import func, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession
from temporalio.client import Client
from temporalio.common import WorkflowIDConflictPolicy, WorkflowIDReusePolicy
from temporalio.exceptions import WorkflowAlreadyStartedError

from services.common.errors import (
    Aborted,
    AlreadyExists,
    FailedPrecondition,
    InvalidArgument,
    NotFound,
    PermissionDenied,
)
from services.common.grpc_errors import from_rpc_error
from services.common.identity import Actor, Role
from services.common.temporal import process_search_attributes
from services.workflows.service.automation.definition_checks import Problem, require_valid, validate
from services.workflows.service.automation.dry_run import DryRun, Step
from services.workflows.service.conditions import client_facts
from services.workflows.service.models import ProcessDefinitionRow
from services.workflows.service.processes import ProcessView
from services.workflows.settings import ProcessDefaults
from services.workflows.worker.interpreter.workflow import KIND, DefinitionInput

RUN_KEY = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
SHIPPED = "services.workflows.definitions"


@functools.cache
def shipped_documents() -> tuple[dict[str, Any], ...]:
    """The definitions in the package, read once per process."""
    folder = resources.files(SHIPPED)
    return tuple(
        json.loads(item.read_text(encoding="utf-8"))
        for item in sorted(folder.iterdir(), key=lambda i: i.name)
        if item.name.endswith(".json")
    )


def parse_document(text: str) -> Any:
    if len(text) > 256 * 1024:
        raise InvalidArgument("document", "(large)", "must be at most 64 KB")
    try:
        return json.loads(text)
    except ValueError as error:
        raise InvalidArgument("document", text[:40], f"is not JSON: {error}") from None


@dataclass(frozen=True)
class DefinitionView:
    row: ProcessDefinitionRow
    versions: tuple[int, ...] = ()
    published_version: int = 0


class DefinitionStore:
    def __init__(
        self,
        session: AsyncSession,
        temporal: Client | None = None,
        clients: clients_pb2_grpc.ClientsServiceStub | None = None,
        *,
        task_queue: str = "",
        defaults: ProcessDefaults | None = None,
    ) -> None:
        self.session = session
        self.temporal = temporal
        self.clients = clients
        self.task_queue = task_queue
        self.defaults = defaults or ProcessDefaults()

    async def ensure_shipped(self) -> None:
        """The shipped definitions, version 1, published by system (once per key)."""
        now = datetime.now(UTC)
        for document in shipped_documents():
            await self.session.execute(
                insert(ProcessDefinitionRow)
                .values(
                    key=document["key"],
                    version=1,
                    document=document,
                    created_by="system",
                    created_at=now,
                    published_by="system",
                    published_at=now,
                )
                .on_conflict_do_nothing(index_elements=["key", "version"])
            )

    def check(self, text: str) -> list[Problem]:
        _definition, problems = validate(parse_document(text))
        return problems

    async def put(self, actor: Actor, text: str, expected_version: int) -> DefinitionView:
        if not actor.has(Role.ADMIN):
            raise PermissionDenied("only an admin may define processes")
        definition = require_valid(parse_document(text))
        latest = await self._latest_version(definition.key)
        if expected_version != latest:
            raise Aborted(
                f"definition {definition.key} is at version {latest}, not {expected_version}",
                field="expected_version",
                value=expected_version,
            )
        row = ProcessDefinitionRow(
            key=definition.key,
            version=latest + 1,
            document=definition.model_dump(mode="json", by_alias=True, exclude_none=True),
            created_by=actor.user_id,
            created_at=datetime.now(UTC),
        )
        self.session.add(row)
        await self.session.flush()
        return await self._view(definition.key, row.version)

    async def publish(self, actor: Actor, key: str, version: int) -> DefinitionView:
        if not actor.has(Role.ADMIN):
            raise PermissionDenied("only an admin may publish a definition")
        row = await self._row(key, version)
        for node in row.document.get("nodes") or ():
            called = node.get("definition") if node.get("kind") == "subprocess" else None
            if called and not await self._published_version(called):
                raise FailedPrecondition(
                    f"the sub-process {called} has no published version",
                    field=f"nodes[{node.get('id')}].definition",
                    value=called,
                )
        if row.published_at is None:
            row.published_at, row.published_by = datetime.now(UTC), actor.user_id
            await self.session.flush()
        return await self._view(key, version)

    async def describe(self, actor: Actor, key: str, version: int = 0) -> DefinitionView:
        self._require_reader(actor)
        await self.ensure_shipped()
        return await self._view(key, version)

    async def list(self, actor: Actor) -> list[DefinitionView]:
        self._require_reader(actor)
        await self.ensure_shipped()
        keys = (
            await self.session.execute(
                select(ProcessDefinitionRow.key).distinct().order_by(ProcessDefinitionRow.key)
            )
        ).scalars()
        return [await self._view(key) for key in list(keys)]

    @staticmethod
    def _require_reader(actor: Actor) -> None:
        if not actor.has(Role.ADMIN, Role.MANAGER, Role.SERVICE):
            raise PermissionDenied("definitions are for admins and managers")

    async def _view(self, key: str, version: int = 0) -> DefinitionView:
        """A version (the latest when 0) with every version of the key and the published
        one, from one read of the key's versions."""
        found = (
            await self.session.execute(
                select(ProcessDefinitionRow.version, ProcessDefinitionRow.published_at)
                .where(ProcessDefinitionRow.key == key)
                .order_by(ProcessDefinitionRow.version.desc())
            )
        ).all()
        versions = tuple(v for v, _ in found)
        published = next((v for v, at in found if at is not None), 0)
        row = await self._row(key, version or (versions[0] if versions else 0))
        return DefinitionView(row, versions, published)

    async def start(self, actor: Actor, key: str, client_id: str, run_key: str) -> ProcessView:
        """Start the latest published version for a client the actor may see."""
        if not actor.has(Role.ADMIN, Role.MANAGER, Role.SERVICE):
            raise PermissionDenied("starting a definition needs the manager or admin role")
        if run_key and not RUN_KEY.match(run_key):
            raise InvalidArgument("run_key", run_key, "1-64 letters, digits, - or _")
        await self.ensure_shipped()
        version = await self._published_version(key)
        if not version:
            if await self._latest_version(key):
                raise FailedPrecondition(
                    f"definition {key} has no published version", field="key", value=key
                )
            raise NotFound(f"definition {key} not found", field="key", value=key)
        row = await self._row(key, version)
        client = await self._client(actor, client_id)
        return await self.start_for(client, row, run_key or uuid.uuid4().hex[:12], actor.user_id)

    async def start_for(
        self, client: clients_pb2.Client, row: ProcessDefinitionRow, run_key: str, by: str
    ) -> ProcessView:
        assert self.temporal is not None
        workflow_id = f"{KIND}/{client.id}/{row.key}/{run_key}"
        try:
            handle = await self.temporal.start_workflow(
                "Definition",
                DefinitionInput(
                    client_id=client.id,
                    key=row.key,
                    version=row.version,
                    document_json=json.dumps(row.document, ensure_ascii=False),
                    advisor_id=client.advisor_id,
                    team_id=client.team_id,
                    manager_id=self.defaults.team_managers.get(client.team_id, ""),
                    timezone=client.timezone or "Asia/Shanghai",
                    started_by=by,
                    locale=client.locale or "zh-CN",
                    tier=client.tier,
                ),
                id=workflow_id,
                task_queue=self.task_queue,
                id_reuse_policy=WorkflowIDReusePolicy.REJECT_DUPLICATE,
                id_conflict_policy=WorkflowIDConflictPolicy.FAIL,
                search_attributes=process_search_attributes(client, KIND),
            )
        except WorkflowAlreadyStartedError:
            raise AlreadyExists(
                f"process {workflow_id} was already started", field="run_key", value=run_key
            ) from None
        return ProcessView.started(workflow_id, handle.result_run_id or "", KIND, client.id)

    async def dry_run(
        self, actor: Actor, text: str, client_id: str, answers: Mapping[str, Sequence[str]]
    ) -> tuple[Sequence[Step], str]:
        """The path the client (as the caller sees them) would take with these answers."""
        if not actor.has(Role.ADMIN, Role.MANAGER):
            raise PermissionDenied("a dry run is for admins and managers")
        if len(answers) > 100 or any(len(v) > 20 for v in answers.values()):
            raise InvalidArgument("answers", len(answers), "at most 100 nodes, 20 answers each")
        definition = require_valid(parse_document(text))
        client = await self._client(actor, client_id)
        given = {node: list(outcomes) for node, outcomes in answers.items()}
        return DryRun(definition, client_facts(client), given).run()

    async def published(self, key: str) -> ProcessDefinitionRow | None:
        await self.ensure_shipped()
        version = await self._published_version(key)
        return await self._row(key, version) if version else None

    async def _client(self, actor: Actor, client_id: str) -> clients_pb2.Client:
        assert self.clients is not None
        try:
            client: clients_pb2.Client = await self.clients.GetClient(
                clients_pb2.GetClientRequest(id=client_id),
                metadata=actor.to_metadata(),
                timeout=10,
            )
        except grpc.RpcError as error:
            raise from_rpc_error(error) from None
        return client

    async def _row(self, key: str, version: int) -> ProcessDefinitionRow:
        row = await self.session.get(ProcessDefinitionRow, (key, version))
        if row is None:
            raise NotFound(f"definition {key} version {version} not found", field="key", value=key)
        return row

    async def _latest_version(self, key: str) -> int:
        found = await self.session.execute(
            select(func.max(ProcessDefinitionRow.version)).where(ProcessDefinitionRow.key == key)
        )
        return int(found.scalar_one() or 0)

    async def _published_version(self, key: str) -> int:
        found = await self.session.execute(
            select(func.max(ProcessDefinitionRow.version)).where(
                ProcessDefinitionRow.key == key, ProcessDefinitionRow.published_at.is_not(None)
            )
        )
        return int(found.scalar_one() or 0)
