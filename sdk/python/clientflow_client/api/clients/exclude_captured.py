from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.excluded_out import ExcludedOut
from ...models.problem import Problem
from typing import cast
from uuid import UUID



def _get_kwargs(
    client_id: UUID,
    interaction_id: UUID,

) -> dict[str, Any]:
    

    

    

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/clients/{client_id}/interactions/{interaction_id}:exclude".format(client_id=quote(str(client_id), safe=""),interaction_id=quote(str(interaction_id), safe=""),),
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> ExcludedOut | Problem | None:
    if response.status_code == 200:
        response_200 = ExcludedOut.from_dict(response.json())



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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[ExcludedOut | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    client_id: UUID,
    interaction_id: UUID,
    *,
    client: AuthenticatedClient,

) -> Response[ExcludedOut | Problem]:
    """ Exclude Captured

     Take a captured e-mail or WeCom message off the record (a personal message, say): off
    the timelines of the clients you see, its attachments deleted, never captured again.

    Args:
        client_id (UUID):
        interaction_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ExcludedOut | Problem]
     """


    kwargs = _get_kwargs(
        client_id=client_id,
interaction_id=interaction_id,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    client_id: UUID,
    interaction_id: UUID,
    *,
    client: AuthenticatedClient,

) -> ExcludedOut | Problem | None:
    """ Exclude Captured

     Take a captured e-mail or WeCom message off the record (a personal message, say): off
    the timelines of the clients you see, its attachments deleted, never captured again.

    Args:
        client_id (UUID):
        interaction_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ExcludedOut | Problem
     """


    return sync_detailed(
        client_id=client_id,
interaction_id=interaction_id,
client=client,

    ).parsed

async def asyncio_detailed(
    client_id: UUID,
    interaction_id: UUID,
    *,
    client: AuthenticatedClient,

) -> Response[ExcludedOut | Problem]:
    """ Exclude Captured

     Take a captured e-mail or WeCom message off the record (a personal message, say): off
    the timelines of the clients you see, its attachments deleted, never captured again.

    Args:
        client_id (UUID):
        interaction_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ExcludedOut | Problem]
     """


    kwargs = _get_kwargs(
        client_id=client_id,
interaction_id=interaction_id,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    client_id: UUID,
    interaction_id: UUID,
    *,
    client: AuthenticatedClient,

) -> ExcludedOut | Problem | None:
    """ Exclude Captured

     Take a captured e-mail or WeCom message off the record (a personal message, say): off
    the timelines of the clients you see, its attachments deleted, never captured again.

    Args:
        client_id (UUID):
        interaction_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ExcludedOut | Problem
     """


    return (await asyncio_detailed(
        client_id=client_id,
interaction_id=interaction_id,
client=client,

    )).parsed
