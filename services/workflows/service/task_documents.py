"""Documents for a task's form: a `file` field takes the id of a document uploaded for that
task (by whoever may see it: the client, for a task they do in the portal). On completion
every file field must name a document of this task, so a form cannot point at another
client's files."""

from __future__ import annotations

import json
import uuid

import grpc
from clientflow.reporting.v1 import reporting_pb2, reporting_pb2_grpc

from services.common.errors import FailedPrecondition, InvalidArgument
from services.common.identity import SYSTEM_ACTOR
from services.common.uploads import Stored, store_upload
from services.workflows.service.models import Task

DOCUMENT_KIND = "task-document"


async def add_document(
    reporting: reporting_pb2_grpc.ReportingServiceStub | None,
    task: Task,
    filename: str,
    content: bytes,
) -> Stored:
    if task.status in ("done", "cancelled"):
        raise FailedPrecondition(
            f"task {task.id} is already {task.status}", field="task_id", value=str(task.id)
        )
    if not any(f.get("type") == "file" for f in task.form_fields or []):
        raise FailedPrecondition(
            f"task {task.id} asks for no document", field="task_id", value=str(task.id)
        )
    return await store_upload(
        reporting,
        kind=DOCUMENT_KIND,
        client_id=task.client_id or "",
        workflow_id=task.workflow_id,
        filename=filename,
        content=content,
    )


async def check_documents(
    reporting: reporting_pb2_grpc.ReportingServiceStub | None, task: Task, form_json: str
) -> None:
    """Every file field of the form names a document uploaded for this task."""
    names = [f["name"] for f in task.form_fields or [] if f.get("type") == "file"]
    if not names or not form_json:
        return
    try:
        form = json.loads(form_json)
    except ValueError:
        return  # the workflow's validator names it
    if not isinstance(form, dict):
        return
    for name in names:
        value = form.get(name)
        if value in (None, ""):
            continue
        if not await _is_document_of(reporting, task, str(value)):
            raise InvalidArgument(
                f"form.{name}", str(value)[:64], "must be a document uploaded for this task"
            )


async def _is_document_of(
    reporting: reporting_pb2_grpc.ReportingServiceStub | None, task: Task, value: str
) -> bool:
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    if reporting is None:
        raise FailedPrecondition("the reporting service is not configured")
    try:
        artifact = await reporting.GetArtifact(
            reporting_pb2.GetArtifactRequest(id=value),
            metadata=SYSTEM_ACTOR.to_metadata(),
            timeout=10,
        )
    except grpc.RpcError as error:
        if error.code() is grpc.StatusCode.NOT_FOUND:
            return False
        raise
    return bool(
        artifact.kind == DOCUMENT_KIND
        and artifact.client_id == (task.client_id or "")
        and artifact.workflow_id == task.workflow_id
    )
