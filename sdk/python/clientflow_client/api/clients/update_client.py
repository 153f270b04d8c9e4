from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.client_out import ClientOut
from ...models.client_patch import ClientPatch
from ...models.problem import Problem
from ...types import UNSET, Unset
from typing import cast
from uuid import UUID



def _get_kwargs(
    client_id: UUID,
    *,
    body: ClientPatch,
    if_match: None | str | Unset = UNSET,

) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(if_match, Unset):
        headers["if-match"] = if_match



    

    

    _kwargs: dict[str, Any] = {
        "method": "patch",
        "url": "/v1/clients/{client_id}".format(client_id=quote(str(client_id), safe=""),),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> ClientOut | Problem | None:
    if response.status_code == 200:
        response_200 = ClientOut.from_dict(response.json())



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

    if response.status_code == 412:
        response_412 = Problem.from_dict(response.json())



        return response_412

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[ClientOut | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    client_id: UUID,
    *,
    client: AuthenticatedClient,
    body: ClientPatch,
    if_match: None | str | Unset = UNSET,

) -> Response[ClientOut | Problem]:
    """ Update Client

     Change the fields present in the body (null clears one). Send If-Match with the ETag
    you read to refuse the change if someone else changed the client meanwhile.

    Args:
        client_id (UUID):
        if_match (None | str | Unset):
        body (ClientPatch):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ClientOut | Problem]
     """


    kwargs = _get_kwargs(
        client_id=client_id,
body=body,
if_match=if_match,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    client_id: UUID,
    *,
    client: AuthenticatedClient,
    body: ClientPatch,
    if_match: None | str | Unset = UNSET,

) -> ClientOut | Problem | None:
    """ Update Client

     Change the fields present in the body (null clears one). Send If-Match with the ETag
    you read to refuse the change if someone else changed the client meanwhile.

    Args:
        client_id (UUID):
        if_match (None | str | Unset):
        body (ClientPatch):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ClientOut | Problem
     """


    return sync_detailed(
        client_id=client_id,
client=client,
body=body,
if_match=if_match,

    ).parsed

async def asyncio_detailed(
    client_id: UUID,
    *,
    client: AuthenticatedClient,
    body: ClientPatch,
    if_match: None | str | Unset = UNSET,

) -> Response[ClientOut | Problem]:
    """ Update Client

     Change the fields present in the body (null clears one). Send If-Match with the ETag
    you read to refuse the change if someone else changed the client meanwhile.

    Args:
        client_id (UUID):
        if_match (None | str | Unset):
        body (ClientPatch):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ClientOut | Problem]
     """


    kwargs = _get_kwargs(
        client_id=client_id,
body=body,
if_match=if_match,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    client_id: UUID,
    *,
    client: AuthenticatedClient,
    body: ClientPatch,
    if_match: None | str | Unset = UNSET,

) -> ClientOut | Problem | None:
    """ Update Client

     Change the fields present in the body (null clears one). Send If-Match with the ETag
    you read to refuse the change if someone else changed the client meanwhile.

    Args:
        client_id (UUID):
        if_match (None | str | Unset):
        body (ClientPatch):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ClientOut | Problem
     """


    return (await asyncio_detailed(
        client_id=client_id,
client=client,
body=body,
if_match=if_match,

    )).parsed
