from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.problem import Problem
from ...models.record_out import RecordOut
from ...models.record_patch import RecordPatch
from ...types import UNSET, Unset
from typing import cast
from uuid import UUID



def _get_kwargs(
    type_: str,
    record_id: UUID,
    *,
    body: RecordPatch,
    if_match: None | str | Unset = UNSET,

) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(if_match, Unset):
        headers["if-match"] = if_match



    

    

    _kwargs: dict[str, Any] = {
        "method": "patch",
        "url": "/v1/records/{type_}/{record_id}".format(type_=quote(str(type_), safe=""),record_id=quote(str(record_id), safe=""),),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Problem | RecordOut | None:
    if response.status_code == 200:
        response_200 = RecordOut.from_dict(response.json())



        return response_200

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())



        return response_400

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())



        return response_401

    if response.status_code == 403:
        response_403 = Problem.from_dict(response.json())



        return response_403

    if response.status_code == 404:
        response_404 = Problem.from_dict(response.json())



        return response_404

    if response.status_code == 409:
        response_409 = Problem.from_dict(response.json())



        return response_409

    if response.status_code == 413:
        response_413 = Problem.from_dict(response.json())



        return response_413

    if response.status_code == 422:
        response_422 = Problem.from_dict(response.json())



        return response_422

    if response.status_code == 503:
        response_503 = Problem.from_dict(response.json())



        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Problem | RecordOut]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    type_: str,
    record_id: UUID,
    *,
    client: AuthenticatedClient,
    body: RecordPatch,
    if_match: None | str | Unset = UNSET,

) -> Response[Problem | RecordOut]:
    """ Update Record

     Change the fields given (null removes one); If-Match refuses a change on a record
    someone changed since you read it.

    Args:
        type_ (str): the record type's key
        record_id (UUID):
        if_match (None | str | Unset):
        body (RecordPatch):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | RecordOut]
     """


    kwargs = _get_kwargs(
        type_=type_,
record_id=record_id,
body=body,
if_match=if_match,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    type_: str,
    record_id: UUID,
    *,
    client: AuthenticatedClient,
    body: RecordPatch,
    if_match: None | str | Unset = UNSET,

) -> Problem | RecordOut | None:
    """ Update Record

     Change the fields given (null removes one); If-Match refuses a change on a record
    someone changed since you read it.

    Args:
        type_ (str): the record type's key
        record_id (UUID):
        if_match (None | str | Unset):
        body (RecordPatch):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | RecordOut
     """


    return sync_detailed(
        type_=type_,
record_id=record_id,
client=client,
body=body,
if_match=if_match,

    ).parsed

async def asyncio_detailed(
    type_: str,
    record_id: UUID,
    *,
    client: AuthenticatedClient,
    body: RecordPatch,
    if_match: None | str | Unset = UNSET,

) -> Response[Problem | RecordOut]:
    """ Update Record

     Change the fields given (null removes one); If-Match refuses a change on a record
    someone changed since you read it.

    Args:
        type_ (str): the record type's key
        record_id (UUID):
        if_match (None | str | Unset):
        body (RecordPatch):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | RecordOut]
     """


    kwargs = _get_kwargs(
        type_=type_,
record_id=record_id,
body=body,
if_match=if_match,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    type_: str,
    record_id: UUID,
    *,
    client: AuthenticatedClient,
    body: RecordPatch,
    if_match: None | str | Unset = UNSET,

) -> Problem | RecordOut | None:
    """ Update Record

     Change the fields given (null removes one); If-Match refuses a change on a record
    someone changed since you read it.

    Args:
        type_ (str): the record type's key
        record_id (UUID):
        if_match (None | str | Unset):
        body (RecordPatch):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | RecordOut
     """


    return (await asyncio_detailed(
        type_=type_,
record_id=record_id,
client=client,
body=body,
if_match=if_match,

    )).parsed
