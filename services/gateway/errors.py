"""Every error leaves the gateway as application/problem+json (RFC 9457), never a traceback."""

from __future__ import annotations

import logging
import math
from typing import Any

import grpc
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from google.protobuf import json_format
from opentelemetry import trace
from starlette.exceptions import HTTPException

from services.common.errors import ClientflowError, ErrorCode
from services.common.grpc_errors import from_rpc_error

log = logging.getLogger(__name__)

PROBLEM = "application/problem+json"

HTTP_STATUS: dict[ErrorCode, int] = {
    ErrorCode.NOT_FOUND: 404,
    ErrorCode.INVALID_ARGUMENT: 400,
    ErrorCode.ALREADY_EXISTS: 409,
    ErrorCode.FAILED_PRECONDITION: 409,
    ErrorCode.ABORTED: 409,
    ErrorCode.PERMISSION_DENIED: 403,
    ErrorCode.UNAUTHENTICATED: 401,
    ErrorCode.UNAVAILABLE: 503,
    ErrorCode.INTERNAL: 500,
}

TITLES = {
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not Found",
    405: "Method Not Allowed",
    409: "Conflict",
    412: "Precondition Failed",
    413: "Content Too Large",
    422: "Unprocessable Content",
    429: "Too Many Requests",
    500: "Internal Server Error",
    503: "Service Unavailable",
}


RETRY_AFTER_SECONDS = 5
UNAVAILABLE_DETAIL = (
    "a service this request needs is unavailable or did not answer in time; retry shortly"
)


def problem(
    status: int,
    detail: str,
    *,
    errors: list[dict[str, Any]] | None = None,
    headers: dict[str, str] | None = None,
    code: str | None = None,
    extra: dict[str, Any] | None = None,
) -> JSONResponse:
    """A problem+json response; `extra` adds RFC 9457 extension members."""
    body: dict[str, Any] = {
        "type": "about:blank",
        "title": TITLES.get(status, "Error"),
        "status": status,
        "detail": detail,
    }
    if code:
        body["code"] = code
    if errors:
        body["errors"] = errors
    body.update(extra or {})
    return JSONResponse(body, status_code=status, media_type=PROBLEM, headers=headers)


def error_response(error: ClientflowError) -> JSONResponse:
    """ClientflowError -> problem+json (the one place codes become HTTP statuses)."""
    status = HTTP_STATUS[error.code]
    errors = None
    if error.field is not None:
        errors = [
            {
                "field": error.field,
                "value": error.value,
                "message": getattr(error, "reason", error.message),
            }
        ]
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
    message = error.message
    if status == 503:
        # What was unavailable (hosts, ports, which store) is for the logs, not the caller.
        if message != UNAVAILABLE_DETAIL:
            log.warning("unavailable: %s", message)
        headers = {"Retry-After": str(RETRY_AFTER_SECONDS)}
        message, errors = UNAVAILABLE_DETAIL, None
    extra = None if status == 503 else error.extra
    return problem(
        status, message, errors=errors, headers=headers, code=error.code.value, extra=extra
    )


def _trace_id() -> str:
    context = trace.get_current_span().get_span_context()
    return format(context.trace_id, "032x") if context.is_valid else "none"


def install_error_handlers(app: FastAPI) -> None:
    """Map every failure to problem+json."""

    @app.exception_handler(ClientflowError)
    async def _domain(_request: Request, error: ClientflowError) -> JSONResponse:
        return error_response(error)

    @app.exception_handler(grpc.RpcError)
    async def _rpc(_request: Request, error: grpc.RpcError) -> JSONResponse:
        domain = from_rpc_error(error)
        if domain.code is ErrorCode.INTERNAL:
            log.error("downstream internal error: %s", domain.message)
        return error_response(domain)

    @app.exception_handler(RequestValidationError)
    async def _validation(_request: Request, error: RequestValidationError) -> JSONResponse:
        errors = [
            {
                "field": ".".join(str(part) for part in item.get("loc", ()) if part != "body")
                or "body",
                "value": item.get("input"),
                "message": item.get("msg", "invalid"),
            }
            for item in error.errors()
        ]
        fields = ", ".join(str(e["field"]) for e in errors)
        return problem(
            422,
            f"the request is not valid: {fields}",
            errors=_jsonable(errors),
            code="INVALID_ARGUMENT",
        )

    @app.exception_handler(UnicodeEncodeError)
    async def _unencodable(_request: Request, error: UnicodeEncodeError) -> JSONResponse:
        # e.g. a lone UTF-16 surrogate in JSON text: valid JSON, not valid Unicode
        return problem(
            400,
            "the request contains text that is not valid Unicode (a lone surrogate)",
            errors=[{"field": "body", "value": None, "message": str(error.reason)}],
            code="INVALID_ARGUMENT",
        )

    @app.exception_handler(json_format.ParseError)
    async def _unrepresentable(_request: Request, error: json_format.ParseError) -> JSONResponse:
        return problem(
            400,
            f"the request contains a value that cannot be represented: {error}",
            code="INVALID_ARGUMENT",
        )

    @app.exception_handler(HTTPException)
    async def _http(_request: Request, error: HTTPException) -> JSONResponse:
        return problem(error.status_code, str(error.detail), headers=dict(error.headers or {}))

    @app.exception_handler(Exception)
    async def _unexpected(_request: Request, error: Exception) -> JSONResponse:
        log.exception("unhandled error")
        return problem(500, f"internal error (trace id {_trace_id()})", code="INTERNAL")


def _jsonable(errors: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Keep offending values that JSON can carry; describe the rest."""
    safe = []
    for item in errors:
        value = item["value"]
        if isinstance(value, float) and not math.isfinite(value):
            value = str(value)
        elif not isinstance(value, str | int | float | bool | type(None) | list | dict):
            value = repr(value)
        safe.append({**item, "value": value})
    return safe
