from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.commitment_in import CommitmentIn
from ...models.commitment_out import CommitmentOut
from ...models.problem import Problem
from typing import cast
from uuid import UUID



def _get_kwargs(
    code: str,
    client_id: UUID,
    *,
    body: CommitmentIn,

) -> dict[str, Any]:
    headers: dict[str, Any] = {}


    

    

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/v1/funds/{code}/commitments/{client_id}".format(code=quote(str(code), safe=""),client_id=quote(str(client_id), safe=""),),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> CommitmentOut | Problem | None:
    if response.status_code == 200:
        response_200 = CommitmentOut.from_dict(response.json())



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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[CommitmentOut | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    code: str,
    client_id: UUID,
    *,
    client: AuthenticatedClient,
    body: CommitmentIn,

) -> Response[CommitmentOut | Problem]:
    """ Put Commitment

     An investor's commitment to a fund (admins, managers of the client's team).

    Args:
        code (str):
        client_id (UUID):
        body (CommitmentIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CommitmentOut | Problem]
     """


    kwargs = _get_kwargs(
        code=code,
client_id=client_id,
body=body,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    code: str,
    client_id: UUID,
    *,
    client: AuthenticatedClient,
    body: CommitmentIn,

) -> CommitmentOut | Problem | None:
    """ Put Commitment

     An investor's commitment to a fund (admins, managers of the client's team).

    Args:
        code (str):
        client_id (UUID):
        body (CommitmentIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CommitmentOut | Problem
     """


    return sync_detailed(
        code=code,
client_id=client_id,
client=client,
body=body,

    ).parsed

async def asyncio_detailed(
    code: str,
    client_id: UUID,
    *,
    client: AuthenticatedClient,
    body: CommitmentIn,

) -> Response[CommitmentOut | Problem]:
    """ Put Commitment

     An investor's commitment to a fund (admins, managers of the client's team).

    Args:
        code (str):
        client_id (UUID):
        body (CommitmentIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CommitmentOut | Problem]
     """


    kwargs = _get_kwargs(
        code=code,
client_id=client_id,
body=body,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    code: str,
    client_id: UUID,
    *,
    client: AuthenticatedClient,
    body: CommitmentIn,

) -> CommitmentOut | Problem | None:
    """ Put Commitment

     An investor's commitment to a fund (admins, managers of the client's team).

    Args:
        code (str):
        client_id (UUID):
        body (CommitmentIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CommitmentOut | Problem
     """


    return (await asyncio_detailed(
        code=code,
client_id=client_id,
client=client,
body=body,

    )).parsed
