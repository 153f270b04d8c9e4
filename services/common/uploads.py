"""Files people upload (a request's attachments, a task's documents): PDF, PNG or JPEG by
their first bytes (never by name or declared type), at most 10 MB, stored as artifacts of the
client they concern."""

from __future__ import annotations

from dataclasses import dataclass

import grpc
from clientflow.reporting.v1 import reporting_pb2, reporting_pb2_grpc

from services.common.errors import FailedPrecondition, InvalidArgument
from services.common.grpc_errors import from_rpc_error
from services.common.identity import SYSTEM_ACTOR

MAX_UPLOAD = 10 * 1024 * 1024
_SIGNATURES = (
    (b"%PDF-", "application/pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
)


@dataclass(frozen=True)
class Stored:
    artifact_id: str
    filename: str
    content_type: str
    size_bytes: int


def sniff(content: bytes) -> str | None:
    """The file's type by its first bytes."""
    return next((kind for magic, kind in _SIGNATURES if content.startswith(magic)), None)


def display_name(value: str) -> str:
    """A display name: the last path part, control characters dropped, 120 characters."""
    base = value.replace("\\", "/").rsplit("/", 1)[-1]
    clean = "".join(ch for ch in base if ch.isprintable()).strip()
    return clean[:120] or "file"


async def store_upload(
    reporting: reporting_pb2_grpc.ReportingServiceStub | None,
    *,
    kind: str,
    client_id: str,
    workflow_id: str,
    filename: str,
    content: bytes,
) -> Stored:
    """Check the file and store it as the client's artifact, or INVALID_ARGUMENT naming it."""
    name = display_name(filename)
    content_type = sniff(content)
    if content_type is None:
        raise InvalidArgument("file", name, "must be a PDF, PNG or JPEG file")
    if len(content) > MAX_UPLOAD:
        raise InvalidArgument("file", len(content), "must be at most 10 MB")
    if reporting is None:
        raise FailedPrecondition("the reporting service is not configured")
    try:
        artifact = await reporting.CreateArtifact(
            reporting_pb2.CreateArtifactRequest(
                kind=kind,
                client_id=client_id,
                content_type=content_type,
                content=content,
                workflow_id=workflow_id,
            ),
            metadata=SYSTEM_ACTOR.to_metadata(),
            timeout=60,
        )
    except grpc.RpcError as error:
        raise from_rpc_error(error) from None
    return Stored(artifact.id, name, content_type, len(content))
