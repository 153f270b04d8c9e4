from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.delegation_list import DelegationList
from ...models.problem import Problem
from ...types import UNSET, Unset
from typing import cast
import datetime



def _get_kwargs(
    *,
    active_on: datetime.date | None | Unset = UNSET,
    delegate_id: str | Unset = '',

) -> dict[str, Any]:
    

    

    params: dict[str, Any] = {}

    json_active_on: None | str | Unset
    if isinstance(active_on, Unset):
        json_active_on = UNSET
    elif isinstance(active_on, datetime.date):
        json_active_on = active_on.isoformat()
    else:
        json_active_on = active_on
    params["active_on"] = json_active_on

    params["delegate_id"] = delegate_id


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/directory/delegations",
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> DelegationList | Problem | None:
    if response.status_code == 200:
        response_200 = DelegationList.from_dict(response.json())



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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[DelegationList | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    active_on: datetime.date | None | Unset = UNSET,
    delegate_id: str | Unset = '',

) -> Response[DelegationList | Problem]:
    """ List Delegations

     The delegations (in force on a day, or naming a delegate).

    Args:
        active_on (datetime.date | None | Unset):
        delegate_id (str | Unset):  Default: ''.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DelegationList | Problem]
     """


    kwargs = _get_kwargs(
        active_on=active_on,
delegate_id=delegate_id,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    *,
    client: AuthenticatedClient,
    active_on: datetime.date | None | Unset = UNSET,
    delegate_id: str | Unset = '',

) -> DelegationList | Problem | None:
    """ List Delegations

     The delegations (in force on a day, or naming a delegate).

    Args:
        active_on (datetime.date | None | Unset):
        delegate_id (str | Unset):  Default: ''.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DelegationList | Problem
     """


    return sync_detailed(
        client=client,
active_on=active_on,
delegate_id=delegate_id,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    active_on: datetime.date | None | Unset = UNSET,
    delegate_id: str | Unset = '',

) -> Response[DelegationList | Problem]:
    """ List Delegations

     The delegations (in force on a day, or naming a delegate).

    Args:
        active_on (datetime.date | None | Unset):
        delegate_id (str | Unset):  Default: ''.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DelegationList | Problem]
     """


    kwargs = _get_kwargs(
        active_on=active_on,
delegate_id=delegate_id,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    *,
    client: AuthenticatedClient,
    active_on: datetime.date | None | Unset = UNSET,
    delegate_id: str | Unset = '',

) -> DelegationList | Problem | None:
    """ List Delegations

     The delegations (in force on a day, or naming a delegate).

    Args:
        active_on (datetime.date | None | Unset):
        delegate_id (str | Unset):  Default: ''.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DelegationList | Problem
     """


    return (await asyncio_detailed(
        client=client,
active_on=active_on,
delegate_id=delegate_id,

    )).parsed
