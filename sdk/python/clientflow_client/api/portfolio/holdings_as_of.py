from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.holdings_as_of_out import HoldingsAsOfOut
from ...models.problem import Problem
from typing import cast
from uuid import UUID
import datetime



def _get_kwargs(
    client_id: UUID,
    as_of: datetime.date,

) -> dict[str, Any]:
    

    

    

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/clients/{client_id}/valuations/{as_of}".format(client_id=quote(str(client_id), safe=""),as_of=quote(str(as_of), safe=""),),
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> HoldingsAsOfOut | Problem | None:
    if response.status_code == 200:
        response_200 = HoldingsAsOfOut.from_dict(response.json())



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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[HoldingsAsOfOut | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    client_id: UUID,
    as_of: datetime.date,
    *,
    client: AuthenticatedClient,

) -> Response[HoldingsAsOfOut | Problem]:
    """ Holdings As Of

     The client's holdings as of a date: each product's latest valuation on or before it.

    Args:
        client_id (UUID):
        as_of (datetime.date):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[HoldingsAsOfOut | Problem]
     """


    kwargs = _get_kwargs(
        client_id=client_id,
as_of=as_of,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    client_id: UUID,
    as_of: datetime.date,
    *,
    client: AuthenticatedClient,

) -> HoldingsAsOfOut | Problem | None:
    """ Holdings As Of

     The client's holdings as of a date: each product's latest valuation on or before it.

    Args:
        client_id (UUID):
        as_of (datetime.date):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        HoldingsAsOfOut | Problem
     """


    return sync_detailed(
        client_id=client_id,
as_of=as_of,
client=client,

    ).parsed

async def asyncio_detailed(
    client_id: UUID,
    as_of: datetime.date,
    *,
    client: AuthenticatedClient,

) -> Response[HoldingsAsOfOut | Problem]:
    """ Holdings As Of

     The client's holdings as of a date: each product's latest valuation on or before it.

    Args:
        client_id (UUID):
        as_of (datetime.date):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[HoldingsAsOfOut | Problem]
     """


    kwargs = _get_kwargs(
        client_id=client_id,
as_of=as_of,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    client_id: UUID,
    as_of: datetime.date,
    *,
    client: AuthenticatedClient,

) -> HoldingsAsOfOut | Problem | None:
    """ Holdings As Of

     The client's holdings as of a date: each product's latest valuation on or before it.

    Args:
        client_id (UUID):
        as_of (datetime.date):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        HoldingsAsOfOut | Problem
     """


    return (await asyncio_detailed(
        client_id=client_id,
as_of=as_of,
client=client,

    )).parsed
