"""The one error hierarchy. Mapped once to gRPC status codes (services.common.grpc_errors)
and once to HTTP problem+json (services.gateway.errors)."""

from __future__ import annotations

from enum import StrEnum
from typing import ClassVar


class ErrorCode(StrEnum):
    NOT_FOUND = "NOT_FOUND"
    INVALID_ARGUMENT = "INVALID_ARGUMENT"
    ALREADY_EXISTS = "ALREADY_EXISTS"
    FAILED_PRECONDITION = "FAILED_PRECONDITION"
    ABORTED = "ABORTED"
    PERMISSION_DENIED = "PERMISSION_DENIED"
    UNAUTHENTICATED = "UNAUTHENTICATED"
    UNAVAILABLE = "UNAVAILABLE"
    INTERNAL = "INTERNAL"


class ClientflowError(Exception):
    """A domain error with a message a user can act on; `field` names the bad input."""

    code: ClassVar[ErrorCode] = ErrorCode.INTERNAL

    def __init__(
        self,
        message: str,
        *,
        field: str | None = None,
        value: object = None,
        extra: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        self.value = value
        # Facts the caller can act on beyond the message (an existing record's id): carried
        # across gRPC in ErrorInfo's metadata, and out of the gateway as problem members.
        self.extra = dict(extra or {})


class NotFound(ClientflowError):
    code = ErrorCode.NOT_FOUND


class InvalidArgument(ClientflowError):
    code = ErrorCode.INVALID_ARGUMENT

    def __init__(self, field: str, value: object, reason: str) -> None:
        if value is None:  # nothing was given: name the field alone
            text = f"{field}: {reason}"
        else:
            shown = value if isinstance(value, int | float | bool) else repr(value)
            text = f"{field}={shown}: {reason}"
        super().__init__(text, field=field, value=value)
        self.reason = reason

    @classmethod
    def from_message(cls, message: str) -> InvalidArgument:
        """From a "field=value: reason" / "field: reason" message built elsewhere (for
        example by a workflow's update validator)."""
        head, _, reason = message.partition(": ")
        field, _, value = head.partition("=")
        error = cls(field or "request", None, reason or message)
        error.message = message
        error.value = value or None
        error.args = (message,)
        return error


class AlreadyExists(ClientflowError):
    code = ErrorCode.ALREADY_EXISTS


class FailedPrecondition(ClientflowError):
    code = ErrorCode.FAILED_PRECONDITION


class Aborted(ClientflowError):
    """A concurrent change won: retry with the current version."""

    code = ErrorCode.ABORTED


class PermissionDenied(ClientflowError):
    code = ErrorCode.PERMISSION_DENIED


class Unauthenticated(ClientflowError):
    code = ErrorCode.UNAUTHENTICATED


class Unavailable(ClientflowError):
    code = ErrorCode.UNAVAILABLE


ERRORS_BY_CODE: dict[ErrorCode, type[ClientflowError]] = {
    cls.code: cls
    for cls in (
        NotFound,
        InvalidArgument,
        AlreadyExists,
        FailedPrecondition,
        Aborted,
        PermissionDenied,
        Unauthenticated,
        Unavailable,
        ClientflowError,
    )
}
