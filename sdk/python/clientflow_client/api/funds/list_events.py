from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.event_list import EventList
from ...models.list_events_status_type_0 import ListEventsStatusType0
from ...models.problem import Problem
from ...types import UNSET, Unset
from typing import cast
from uuid import UUID



def _get_kwargs(
    *,
    fund_code: str | Unset = '',
    client_id: None | Unset | UUID = UNSET,
    status: ListEventsStatusType0 | None | Unset = UNSET,
    overdue: bool | Unset = False,

) -> dict[str, Any]:
    

    

    params: dict[str, Any] = {}

    params["fund_code"] = fund_code

    json_client_id: None | str | Unset
    if isinstance(client_id, Unset):
        json_client_id = UNSET
    elif isinstance(client_id, UUID):
        json_client_id = str(client_id)
    else:
        json_client_id = client_id
    params["client_id"] = json_client_id

    json_status: None | str | Unset
    if isinstance(status, Unset):
        json_status = UNSET
    elif isinstance(status, ListEventsStatusType0):
        json_status = status.value
    else:
        json_status = status
    params["status"] = json_status

    params["overdue"] = overdue


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/capital-events",
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> EventList | Problem | None:
    if response.status_code == 200:
        response_200 = EventList.from_dict(response.json())



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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[EventList | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    fund_code: str | Unset = '',
    client_id: None | Unset | UUID = UNSET,
    status: ListEventsStatusType0 | None | Unset = UNSET,
    overdue: bool | Unset = False,

) -> Response[EventList | Problem]:
    """ List Events

     Calls and distributions, newest first (at most 500), each with the allocations the
    caller may see; with `client_id`, that client's events with their allocation only.

    Args:
        fund_code (str | Unset):  Default: ''.
        client_id (None | Unset | UUID):
        status (ListEventsStatusType0 | None | Unset):
        overdue (bool | Unset): approved calls past due with money outstanding Default: False.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EventList | Problem]
     """


    kwargs = _get_kwargs(
        fund_code=fund_code,
client_id=client_id,
status=status,
overdue=overdue,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    *,
    client: AuthenticatedClient,
    fund_code: str | Unset = '',
    client_id: None | Unset | UUID = UNSET,
    status: ListEventsStatusType0 | None | Unset = UNSET,
    overdue: bool | Unset = False,

) -> EventList | Problem | None:
    """ List Events

     Calls and distributions, newest first (at most 500), each with the allocations the
    caller may see; with `client_id`, that client's events with their allocation only.

    Args:
        fund_code (str | Unset):  Default: ''.
        client_id (None | Unset | UUID):
        status (ListEventsStatusType0 | None | Unset):
        overdue (bool | Unset): approved calls past due with money outstanding Default: False.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EventList | Problem
     """


    return sync_detailed(
        client=client,
fund_code=fund_code,
client_id=client_id,
status=status,
overdue=overdue,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    fund_code: str | Unset = '',
    client_id: None | Unset | UUID = UNSET,
    status: ListEventsStatusType0 | None | Unset = UNSET,
    overdue: bool | Unset = False,

) -> Response[EventList | Problem]:
    """ List Events

     Calls and distributions, newest first (at most 500), each with the allocations the
    caller may see; with `client_id`, that client's events with their allocation only.

    Args:
        fund_code (str | Unset):  Default: ''.
        client_id (None | Unset | UUID):
        status (ListEventsStatusType0 | None | Unset):
        overdue (bool | Unset): approved calls past due with money outstanding Default: False.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EventList | Problem]
     """


    kwargs = _get_kwargs(
        fund_code=fund_code,
client_id=client_id,
status=status,
overdue=overdue,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    *,
    client: AuthenticatedClient,
    fund_code: str | Unset = '',
    client_id: None | Unset | UUID = UNSET,
    status: ListEventsStatusType0 | None | Unset = UNSET,
    overdue: bool | Unset = False,

) -> EventList | Problem | None:
    """ List Events

     Calls and distributions, newest first (at most 500), each with the allocations the
    caller may see; with `client_id`, that client's events with their allocation only.

    Args:
        fund_code (str | Unset):  Default: ''.
        client_id (None | Unset | UUID):
        status (ListEventsStatusType0 | None | Unset):
        overdue (bool | Unset): approved calls past due with money outstanding Default: False.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EventList | Problem
     """


    return (await asyncio_detailed(
        client=client,
fund_code=fund_code,
client_id=client_id,
status=status,
overdue=overdue,

    )).parsed
