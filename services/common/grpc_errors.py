"""ClientflowError <-> gRPC status, with google.rpc rich details so the field survives the wire."""

from __future__ import annotations

import grpc
from google.protobuf import any_pb2
from google.rpc import code_pb2, error_details_pb2, status_pb2

from services.common.errors import ERRORS_BY_CODE, ClientflowError, ErrorCode, InvalidArgument

DOMAIN = "clientflow"
_DETAILS_KEY = "grpc-status-details-bin"
EXTRA_PREFIX = "extra."

GRPC_CODES: dict[ErrorCode, grpc.StatusCode] = {
    ErrorCode.NOT_FOUND: grpc.StatusCode.NOT_FOUND,
    ErrorCode.INVALID_ARGUMENT: grpc.StatusCode.INVALID_ARGUMENT,
    ErrorCode.ALREADY_EXISTS: grpc.StatusCode.ALREADY_EXISTS,
    ErrorCode.FAILED_PRECONDITION: grpc.StatusCode.FAILED_PRECONDITION,
    ErrorCode.ABORTED: grpc.StatusCode.ABORTED,
    ErrorCode.PERMISSION_DENIED: grpc.StatusCode.PERMISSION_DENIED,
    ErrorCode.UNAUTHENTICATED: grpc.StatusCode.UNAUTHENTICATED,
    ErrorCode.UNAVAILABLE: grpc.StatusCode.UNAVAILABLE,
    ErrorCode.INTERNAL: grpc.StatusCode.INTERNAL,
}
_CODES_BY_GRPC = {grpc_code: code for code, grpc_code in GRPC_CODES.items()}


def to_rich_status(
    error: ClientflowError,
) -> tuple[grpc.StatusCode, str, tuple[tuple[str, bytes], ...]]:
    """Status code, message and trailing metadata carrying google.rpc details."""
    grpc_code = GRPC_CODES[error.code]
    info = error_details_pb2.ErrorInfo(reason=error.code.value, domain=DOMAIN)
    if error.value is not None:
        info.metadata["value"] = str(error.value)
    for key, fact in error.extra.items():
        info.metadata[EXTRA_PREFIX + key] = fact
    details = [info]
    if error.field is not None:
        reason = getattr(error, "reason", error.message)
        details.append(
            error_details_pb2.BadRequest(
                field_violations=[
                    error_details_pb2.BadRequest.FieldViolation(
                        field=error.field, description=reason
                    )
                ]
            )
        )
    packed = []
    for detail in details:
        holder = any_pb2.Any()
        holder.Pack(detail)
        packed.append(holder)
    status = status_pb2.Status(code=grpc_code.value[0], message=error.message, details=packed)
    return grpc_code, error.message, ((_DETAILS_KEY, status.SerializeToString()),)


def from_rpc_error(error: grpc.RpcError) -> ClientflowError:
    """Turn a failed call into the ClientflowError the callee raised (or UNAVAILABLE/INTERNAL)."""
    code = error.code() if hasattr(error, "code") else grpc.StatusCode.UNKNOWN
    message = (error.details() if hasattr(error, "details") else None) or str(code)
    field: str | None = None
    value: str | None = None
    extra: dict[str, str] = {}
    reason = message
    trailing = error.trailing_metadata() if hasattr(error, "trailing_metadata") else None
    for key, raw in trailing or ():
        if key != _DETAILS_KEY or not isinstance(raw, bytes):
            continue
        status = status_pb2.Status.FromString(raw)
        for detail in status.details:
            if detail.Is(error_details_pb2.BadRequest.DESCRIPTOR):
                bad = error_details_pb2.BadRequest()
                detail.Unpack(bad)
                if bad.field_violations:
                    field = bad.field_violations[0].field
                    reason = bad.field_violations[0].description
            elif detail.Is(error_details_pb2.ErrorInfo.DESCRIPTOR):
                info = error_details_pb2.ErrorInfo()
                detail.Unpack(info)
                value = info.metadata.get("value")
                extra = {
                    name.removeprefix(EXTRA_PREFIX): fact
                    for name, fact in info.metadata.items()
                    if name.startswith(EXTRA_PREFIX)
                }
    error_code = _CODES_BY_GRPC.get(code)
    if error_code is None:
        if code in (grpc.StatusCode.DEADLINE_EXCEEDED, grpc.StatusCode.CANCELLED):
            error_code = ErrorCode.UNAVAILABLE
        else:
            error_code = ErrorCode.INTERNAL
    if error_code is ErrorCode.INVALID_ARGUMENT:
        if field is not None:
            result: ClientflowError = InvalidArgument(field, value, reason)
            result.message = message
        else:
            result = InvalidArgument.from_message(message)
        result.extra = extra
        return result
    return ERRORS_BY_CODE[error_code](message, field=field, value=value, extra=extra)


# Keep google.rpc.code in sync with grpc.StatusCode for the codes we emit.
assert grpc.StatusCode.NOT_FOUND.value[0] == code_pb2.NOT_FOUND
