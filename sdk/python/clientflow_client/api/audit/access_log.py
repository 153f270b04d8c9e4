from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.access_page import AccessPage
from ...models.problem import Problem
from ...types import UNSET, Unset
from typing import cast



def _get_kwargs(
    *,
    client_id: str | Unset = '',
    user_id: str | Unset = '',
    page_size: int | Unset = 50,
    page_token: str | Unset = '',

) -> dict[str, Any]:
    

    

    params: dict[str, Any] = {}

    params["client_id"] = client_id

    params["user_id"] = user_id

    params["page_size"] = page_size

    params["page_token"] = page_token


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/access-log",
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> AccessPage | Problem | None:
    if response.status_code == 200:
        response_200 = AccessPage.from_dict(response.json())



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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[AccessPage | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    client_id: str | Unset = '',
    user_id: str | Unset = '',
    page_size: int | Unset = 50,
    page_token: str | Unset = '',

) -> Response[AccessPage | Problem]:
    """ Access Log

     Who viewed which client's sensitive records, newest first (admins; name a client, a
    person or both).

    Args:
        client_id (str | Unset): Reads of this client's records Default: ''.
        user_id (str | Unset): Reads by this person Default: ''.
        page_size (int | Unset):  Default: 50.
        page_token (str | Unset):  Default: ''.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AccessPage | Problem]
     """


    kwargs = _get_kwargs(
        client_id=client_id,
user_id=user_id,
page_size=page_size,
page_token=page_token,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    *,
    client: AuthenticatedClient,
    client_id: str | Unset = '',
    user_id: str | Unset = '',
    page_size: int | Unset = 50,
    page_token: str | Unset = '',

) -> AccessPage | Problem | None:
    """ Access Log

     Who viewed which client's sensitive records, newest first (admins; name a client, a
    person or both).

    Args:
        client_id (str | Unset): Reads of this client's records Default: ''.
        user_id (str | Unset): Reads by this person Default: ''.
        page_size (int | Unset):  Default: 50.
        page_token (str | Unset):  Default: ''.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AccessPage | Problem
     """


    return sync_detailed(
        client=client,
client_id=client_id,
user_id=user_id,
page_size=page_size,
page_token=page_token,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    client_id: str | Unset = '',
    user_id: str | Unset = '',
    page_size: int | Unset = 50,
    page_token: str | Unset = '',

) -> Response[AccessPage | Problem]:
    """ Access Log

     Who viewed which client's sensitive records, newest first (admins; name a client, a
    person or both).

    Args:
        client_id (str | Unset): Reads of this client's records Default: ''.
        user_id (str | Unset): Reads by this person Default: ''.
        page_size (int | Unset):  Default: 50.
        page_token (str | Unset):  Default: ''.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AccessPage | Problem]
     """


    kwargs = _get_kwargs(
        client_id=client_id,
user_id=user_id,
page_size=page_size,
page_token=page_token,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    *,
    client: AuthenticatedClient,
    client_id: str | Unset = '',
    user_id: str | Unset = '',
    page_size: int | Unset = 50,
    page_token: str | Unset = '',

) -> AccessPage | Problem | None:
    """ Access Log

     Who viewed which client's sensitive records, newest first (admins; name a client, a
    person or both).

    Args:
        client_id (str | Unset): Reads of this client's records Default: ''.
        user_id (str | Unset): Reads by this person Default: ''.
        page_size (int | Unset):  Default: 50.
        page_token (str | Unset):  Default: ''.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AccessPage | Problem
     """


    return (await asyncio_detailed(
        client=client,
client_id=client_id,
user_id=user_id,
page_size=page_size,
page_token=page_token,

    )).parsed
