"""One way an activity fails: a failed gRPC call becomes an ApplicationError typed with the
status code, non-retryable when a retry cannot change the answer (the call was refused for
what it asked, not for how the service was at the time). Activities let `grpc.RpcError`
through; the worker's interceptor converts it. An activity that handles a code itself (a
missing template is no reason to hold a process up) catches it as before."""

from __future__ import annotations

from typing import Any, NoReturn

import grpc
from temporalio.exceptions import ApplicationError
from temporalio.worker import (
    ActivityInboundInterceptor,
    ExecuteActivityInput,
    Interceptor,
)

from services.common.errors import ErrorCode
from services.common.grpc_errors import from_rpc_error

# Errors a retry cannot fix; anything else (UNAVAILABLE, INTERNAL, DEADLINE_EXCEEDED) is
# retried by Temporal under the activity's retry policy.
PERMANENT = frozenset(
    {
        ErrorCode.NOT_FOUND,
        ErrorCode.INVALID_ARGUMENT,
        ErrorCode.PERMISSION_DENIED,
        ErrorCode.FAILED_PRECONDITION,
    }
)


def raise_activity_error(error: grpc.RpcError) -> NoReturn:
    """Re-raise a failed call as an ApplicationError, non-retryable when permanent."""
    domain = from_rpc_error(error)
    raise_code_error(domain.code.value, domain.message)


def raise_code_error(code: str, message: str) -> NoReturn:
    """One item of a batch call refused with `code` (e.g. NOT_FOUND): the same error."""
    raise ApplicationError(message, type=code, non_retryable=code in PERMANENT) from None


class _RpcErrors(ActivityInboundInterceptor):
    async def execute_activity(self, input: ExecuteActivityInput) -> Any:
        try:
            return await self.next.execute_activity(input)
        except grpc.RpcError as error:
            raise_activity_error(error)


class RpcErrors(Interceptor):
    """Worker interceptor: every activity's failed service call fails the activity as above."""

    def intercept_activity(self, next: ActivityInboundInterceptor) -> ActivityInboundInterceptor:
        return _RpcErrors(next)
