"""The OpenAPI document, with every error response declared as application/problem+json."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from pydantic import BaseModel

from services.gateway.errors import PROBLEM, TITLES


class FieldError(BaseModel):
    field: str
    value: Any = None
    message: str


class Problem(BaseModel):
    """RFC 9457 problem details."""

    type: str = "about:blank"
    title: str
    status: int
    detail: str
    code: str | None = None
    errors: list[FieldError] | None = None


# Statuses any authenticated operation can answer with.
COMMON_ERRORS = (400, 401, 403, 404, 409, 422, 503)


def install_openapi(app: FastAPI) -> None:
    """Generate the document once, then declare the problem responses on every operation."""

    def build() -> dict[str, Any]:
        if app.openapi_schema:
            return app.openapi_schema
        schema = get_openapi(
            title=app.title, version=app.version, description=app.description, routes=app.routes
        )
        components = schema.setdefault("components", {}).setdefault("schemas", {})
        components["Problem"] = Problem.model_json_schema(
            ref_template="#/components/schemas/{model}"
        )
        components["FieldError"] = FieldError.model_json_schema()
        components["Problem"].pop("$defs", None)
        reference = {"$ref": "#/components/schemas/Problem"}
        for path, operations in schema.get("paths", {}).items():
            for operation in operations.values():
                responses = operation.setdefault("responses", {})
                statuses = set(COMMON_ERRORS) if path.startswith("/v1") else {503}
                if "requestBody" in operation:
                    statuses.add(413)  # the body limit (services/gateway/limits.py)
                statuses |= {int(code) for code in responses if code.isdigit() and int(code) >= 400}
                for status in sorted(statuses):
                    entry = responses.setdefault(
                        str(status), {"description": TITLES.get(status, "Error")}
                    )
                    entry["content"] = {PROBLEM: {"schema": reference}}
        app.openapi_schema = schema
        return schema

    app.openapi = build  # type: ignore[method-assign]
