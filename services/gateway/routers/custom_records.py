"""/v1/record-types and /v1/records/{type}: records of types the firm defines (contracts,
orders, opportunities, invested projects). A record of a client is seen by whoever sees the
client (404 otherwise); a firm-wide record by its type's roles. Changes send the version read
in If-Match; every change is audited and an event rules answer."""

from __future__ import annotations

import json
import re
import uuid
from datetime import datetime
from typing import Annotated, Any

from clientflow.clients.v1 import clients_pb2
from fastapi import APIRouter, Header, Path, Query, Response, status
from pydantic import BaseModel, ConfigDict, Field

from services.common.errors import InvalidArgument
from services.common.protos import when
from services.gateway.deps import Services

router = APIRouter(tags=["records"])
TYPE = Path(pattern=r"^[a-z][a-z0-9_]{0,39}$", description="the record type's key")
KEY = Path(pattern=r"^[a-z][a-z0-9_]{0,39}$", description="the record type's key")
FILTER = re.compile(r"^([a-z][a-z0-9_]{0,39}):(eq|ne|gt|gte|lt|lte|has):(.{0,200})$", re.S)
NOT_YOURS: dict[int | str, dict[str, Any]] = {404: {"description": "No such record you may see"}}


class RecordTypeIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    document: dict[str, Any] = Field(description="the type: key, name, client, fields, …")
    expected_version: int = Field(0, ge=0, description="the version you read (0: a new type)")


class RecordTypeOut(BaseModel):
    key: str
    version: int
    document: dict[str, Any]
    created_by: str
    created_at: datetime | None


class RecordTypeList(BaseModel):
    items: list[RecordTypeOut]


class RecordIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    client_id: uuid.UUID | None = Field(None, description="the client (types with clients)")
    fields: dict[str, Any] = Field(default_factory=dict)


class RecordPatch(BaseModel):
    model_config = ConfigDict(extra="forbid")
    fields: dict[str, Any] = Field(description="the fields to change; null removes one")


class RecordOut(BaseModel):
    id: uuid.UUID
    type: str
    client_id: uuid.UUID | None
    title: str
    fields: dict[str, Any]
    status: str = Field(description="active | archived")
    version: int
    created_by: str
    updated_by: str
    created_at: datetime | None
    updated_at: datetime | None


class RecordPage(BaseModel):
    items: list[RecordOut]
    next_page_token: str | None


def type_out(m: clients_pb2.RecordType) -> RecordTypeOut:
    return RecordTypeOut(
        key=m.key,
        version=m.version,
        document=json.loads(m.document_json or "{}"),
        created_by=m.created_by,
        created_at=when(m, "created_at"),
    )


def record_out(m: clients_pb2.CustomRecord) -> RecordOut:
    return RecordOut(
        id=uuid.UUID(m.id),
        type=m.type,
        client_id=uuid.UUID(m.client_id) if m.client_id else None,
        title=m.title,
        fields=json.loads(m.fields_json or "{}"),
        status=m.status,
        version=m.version,
        created_by=m.created_by,
        updated_by=m.updated_by,
        created_at=when(m, "created_at"),
        updated_at=when(m, "updated_at"),
    )


def _etag(m: clients_pb2.CustomRecord) -> str:
    return f'W/"{m.version}"'


@router.get("/v1/record-types", response_model=RecordTypeList)
async def list_types(services: Services) -> RecordTypeList:
    reply = await services.custom_records.ListRecordTypes(clients_pb2.ListRecordTypesRequest())
    return RecordTypeList(items=[type_out(t) for t in reply.types])


@router.get("/v1/record-types/{key}", response_model=RecordTypeOut, responses=NOT_YOURS)
async def get_type(
    services: Services, key: str = KEY, version: int = Query(0, ge=0, le=100_000)
) -> RecordTypeOut:
    reply = await services.custom_records.GetRecordType(
        clients_pb2.GetRecordTypeRequest(key=key, version=version)
    )
    return type_out(reply)


@router.put(
    "/v1/record-types/{key}",
    response_model=RecordTypeOut,
    responses={409: {"description": "A newer version, or stored records the change would break"}},
)
async def put_type(body: RecordTypeIn, services: Services, key: str = KEY) -> RecordTypeOut:
    """A new version of the type (admins)."""
    if body.document.get("key", key) != key:
        raise InvalidArgument("document.key", body.document.get("key"), f"must be {key}")
    document = {**body.document, "key": key}
    reply = await services.custom_records.PutRecordType(
        clients_pb2.PutRecordTypeRequest(
            document_json=json.dumps(document, ensure_ascii=False),
            expected_version=body.expected_version,
        )
    )
    return type_out(reply)


def record_filters(raw: list[str]) -> list[clients_pb2.RecordFilter]:
    """`field:op:value` strings as filters, or 400 naming the one that is not."""
    filters = []
    for index, text in enumerate(raw):
        found = FILTER.match(text)
        if found is None:
            raise InvalidArgument(f"filter[{index}]", text[:60], "must be field:op:value")
        filters.append(clients_pb2.RecordFilter(field=found[1], op=found[2], value=found[3]))
    return filters


class TypeProblem(BaseModel):
    field: str
    value: str
    message: str


class TypeCheck(BaseModel):
    valid: bool
    problems: list[TypeProblem]


@router.post("/v1/record-types/validate", response_model=TypeCheck)
async def validate_record_type(body: RecordTypeIn, services: Services) -> TypeCheck:
    """A type document's first problem, named by its place; nothing is stored (the records
    a change would break are named when it is saved)."""
    reply = await services.custom_records.ValidateRecordType(
        clients_pb2.ValidateRecordTypeRequest(
            document_json=json.dumps(body.document, ensure_ascii=False)
        )
    )
    problems = [
        TypeProblem(field=p.field, value=p.value, message=p.message) for p in reply.problems
    ]
    return TypeCheck(valid=not problems, problems=problems)


@router.get("/v1/records/{type}", response_model=RecordPage)
async def list_records(
    services: Services,
    type: str = TYPE,
    client_id: uuid.UUID | None = None,
    filter: Annotated[
        list[str],
        Query(max_length=10, description="field:op:value, op one of eq ne gt gte lt lte has"),
    ] = [],  # noqa: B006
    sort: str = Query("", max_length=41, pattern=r"^-?[a-z][a-z0-9_]{0,39}$|^$"),
    include_archived: bool = False,
    page_size: int = Query(0, ge=0, le=200),
    page_token: str = Query("", max_length=200),
) -> RecordPage:
    """The type's records you may see, filtered, sorted, a page at a time."""
    reply = await services.custom_records.ListRecords(
        clients_pb2.ListRecordsRequest(
            type=type,
            client_id=str(client_id) if client_id else "",
            filters=record_filters(filter),
            sort=sort,
            include_archived=include_archived,
            page_size=page_size,
            page_token=page_token,
        )
    )
    return RecordPage(
        items=[record_out(r) for r in reply.records],
        next_page_token=reply.next_page_token or None,
    )


@router.post(
    "/v1/records/{type}",
    response_model=RecordOut,
    status_code=status.HTTP_201_CREATED,
    responses={404: {"description": "No such type, or a client you may not see"}},
)
async def create_record(
    body: RecordIn, services: Services, response: Response, type: str = TYPE
) -> RecordOut:
    reply = await services.custom_records.CreateRecord(
        clients_pb2.CreateRecordRequest(
            type=type,
            client_id=str(body.client_id) if body.client_id else "",
            fields_json=json.dumps(body.fields, ensure_ascii=False),
        )
    )
    response.headers["ETag"] = _etag(reply)
    response.headers["Location"] = f"/v1/records/{type}/{reply.id}"
    return record_out(reply)


class TotalOut(BaseModel):
    period: str = Field(description="2026-11 or 2026-Q4 when grouped by a period")
    team_id: str
    advisor_id: str
    currency: str = Field(description="a money measure's currency")
    count: int
    sum: float


class TotalsOut(BaseModel):
    items: list[TotalOut]


@router.get("/v1/records/{type}/totals", response_model=TotalsOut)
async def record_totals(
    services: Services,
    type: str = TYPE,
    measure: str = Query("", max_length=40, description="a number or money field to sum"),
    date_field: str = Query(
        "", max_length=40, description="the date field periods are of (default: created)"
    ),
    group_by: Annotated[
        list[str], Query(max_length=4, description="month | quarter | team | advisor")
    ] = [],  # noqa: B006
    filter: Annotated[list[str], Query(max_length=10, description="field:op:value")] = [],  # noqa: B006
) -> TotalsOut:
    """Count and sum of the records you may see, by period, team and advisor (a dashboard's
    numbers; money summed per currency)."""
    reply = await services.custom_records.SummarizeRecords(
        clients_pb2.SummarizeRecordsRequest(
            type=type,
            measure=measure,
            date_field=date_field,
            group_by=group_by,
            filters=record_filters(filter),
        )
    )
    return TotalsOut(
        items=[
            TotalOut(
                period=t.period,
                team_id=t.team_id,
                advisor_id=t.advisor_id,
                currency=t.currency,
                count=t.count,
                sum=t.sum,
            )
            for t in reply.totals
        ]
    )


@router.get("/v1/records/{type}/{record_id}", response_model=RecordOut, responses=NOT_YOURS)
async def get_record(
    record_id: uuid.UUID, services: Services, response: Response, type: str = TYPE
) -> RecordOut:
    reply = await services.custom_records.GetRecord(
        clients_pb2.GetRecordRequest(type=type, id=str(record_id))
    )
    response.headers["ETag"] = _etag(reply)
    return record_out(reply)


def _if_match(value: str | None) -> int:
    if value is None:
        return 0
    found = re.fullmatch(r'\s*(?:W/)?"(\d{1,9})"\s*', value)
    if found is None:
        raise InvalidArgument("If-Match", value[:40], 'must be an ETag such as W/"3"')
    return int(found.group(1))


@router.patch(
    "/v1/records/{type}/{record_id}",
    response_model=RecordOut,
    responses={**NOT_YOURS, 409: {"description": "Changed since the version in If-Match"}},
)
async def update_record(
    record_id: uuid.UUID,
    body: RecordPatch,
    services: Services,
    response: Response,
    type: str = TYPE,
    if_match: Annotated[str | None, Header(max_length=100)] = None,
) -> RecordOut:
    """Change the fields given (null removes one); If-Match refuses a change on a record
    someone changed since you read it."""
    reply = await services.custom_records.UpdateRecord(
        clients_pb2.UpdateRecordRequest(
            type=type,
            id=str(record_id),
            fields_json=json.dumps(body.fields, ensure_ascii=False),
            expected_version=_if_match(if_match),
        )
    )
    response.headers["ETag"] = _etag(reply)
    return record_out(reply)


@router.post(
    "/v1/records/{type}/{record_id}/archive", response_model=RecordOut, responses=NOT_YOURS
)
async def archive_record(record_id: uuid.UUID, services: Services, type: str = TYPE) -> RecordOut:
    reply = await services.custom_records.ArchiveRecord(
        clients_pb2.GetRecordRequest(type=type, id=str(record_id))
    )
    return record_out(reply)
