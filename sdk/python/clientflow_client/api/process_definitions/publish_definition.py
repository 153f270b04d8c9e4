from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.definition_out import DefinitionOut
from ...models.problem import Problem
from typing import cast



def _get_kwargs(
    key: str,
    version: int,

) -> dict[str, Any]:
    

    

    

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/process-definitions/{key}/versions/{version}/publish".format(key=quote(str(key), safe=""),version=quote(str(version), safe=""),),
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> DefinitionOut | Problem | None:
    if response.status_code == 200:
        response_200 = DefinitionOut.from_dict(response.json())



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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[DefinitionOut | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    key: str,
    version: int,
    *,
    client: AuthenticatedClient,

) -> Response[DefinitionOut | Problem]:
    """ Publish Definition

     Publish a version (admin): new starts run it; running processes keep theirs.

    Args:
        key (str): the definition's key
        version (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DefinitionOut | Problem]
     """


    kwargs = _get_kwargs(
        key=key,
version=version,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    key: str,
    version: int,
    *,
    client: AuthenticatedClient,

) -> DefinitionOut | Problem | None:
    """ Publish Definition

     Publish a version (admin): new starts run it; running processes keep theirs.

    Args:
        key (str): the definition's key
        version (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DefinitionOut | Problem
     """


    return sync_detailed(
        key=key,
version=version,
client=client,

    ).parsed

async def asyncio_detailed(
    key: str,
    version: int,
    *,
    client: AuthenticatedClient,

) -> Response[DefinitionOut | Problem]:
    """ Publish Definition

     Publish a version (admin): new starts run it; running processes keep theirs.

    Args:
        key (str): the definition's key
        version (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DefinitionOut | Problem]
     """


    kwargs = _get_kwargs(
        key=key,
version=version,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    key: str,
    version: int,
    *,
    client: AuthenticatedClient,

) -> DefinitionOut | Problem | None:
    """ Publish Definition

     Publish a version (admin): new starts run it; running processes keep theirs.

    Args:
        key (str): the definition's key
        version (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DefinitionOut | Problem
     """


    return (await asyncio_detailed(
        key=key,
version=version,
client=client,

    )).parsed
