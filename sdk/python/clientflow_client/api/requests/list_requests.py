from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.list_requests_status_type_0 import ListRequestsStatusType0
from ...models.problem import Problem
from ...models.request_page import RequestPage
from ...types import UNSET, Unset
from typing import cast
from uuid import UUID



def _get_kwargs(
    *,
    client_id: None | Unset | UUID = UNSET,
    status: ListRequestsStatusType0 | None | Unset = UNSET,
    type_: str | Unset = '',
    page_size: int | Unset = 50,
    page_token: str | Unset = '',

) -> dict[str, Any]:
    

    

    params: dict[str, Any] = {}

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
    elif isinstance(status, ListRequestsStatusType0):
        json_status = status.value
    else:
        json_status = status
    params["status"] = json_status

    params["type"] = type_

    params["page_size"] = page_size

    params["page_token"] = page_token


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/requests",
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Problem | RequestPage | None:
    if response.status_code == 200:
        response_200 = RequestPage.from_dict(response.json())



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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Problem | RequestPage]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    client_id: None | Unset | UUID = UNSET,
    status: ListRequestsStatusType0 | None | Unset = UNSET,
    type_: str | Unset = '',
    page_size: int | Unset = 50,
    page_token: str | Unset = '',

) -> Response[Problem | RequestPage]:
    """ List Requests

     Requests in your book, newest first.

    Args:
        client_id (None | Unset | UUID):
        status (ListRequestsStatusType0 | None | Unset):
        type_ (str | Unset):  Default: ''.
        page_size (int | Unset):  Default: 50.
        page_token (str | Unset):  Default: ''.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | RequestPage]
     """


    kwargs = _get_kwargs(
        client_id=client_id,
status=status,
type_=type_,
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
    client_id: None | Unset | UUID = UNSET,
    status: ListRequestsStatusType0 | None | Unset = UNSET,
    type_: str | Unset = '',
    page_size: int | Unset = 50,
    page_token: str | Unset = '',

) -> Problem | RequestPage | None:
    """ List Requests

     Requests in your book, newest first.

    Args:
        client_id (None | Unset | UUID):
        status (ListRequestsStatusType0 | None | Unset):
        type_ (str | Unset):  Default: ''.
        page_size (int | Unset):  Default: 50.
        page_token (str | Unset):  Default: ''.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | RequestPage
     """


    return sync_detailed(
        client=client,
client_id=client_id,
status=status,
type_=type_,
page_size=page_size,
page_token=page_token,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    client_id: None | Unset | UUID = UNSET,
    status: ListRequestsStatusType0 | None | Unset = UNSET,
    type_: str | Unset = '',
    page_size: int | Unset = 50,
    page_token: str | Unset = '',

) -> Response[Problem | RequestPage]:
    """ List Requests

     Requests in your book, newest first.

    Args:
        client_id (None | Unset | UUID):
        status (ListRequestsStatusType0 | None | Unset):
        type_ (str | Unset):  Default: ''.
        page_size (int | Unset):  Default: 50.
        page_token (str | Unset):  Default: ''.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | RequestPage]
     """


    kwargs = _get_kwargs(
        client_id=client_id,
status=status,
type_=type_,
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
    client_id: None | Unset | UUID = UNSET,
    status: ListRequestsStatusType0 | None | Unset = UNSET,
    type_: str | Unset = '',
    page_size: int | Unset = 50,
    page_token: str | Unset = '',

) -> Problem | RequestPage | None:
    """ List Requests

     Requests in your book, newest first.

    Args:
        client_id (None | Unset | UUID):
        status (ListRequestsStatusType0 | None | Unset):
        type_ (str | Unset):  Default: ''.
        page_size (int | Unset):  Default: 50.
        page_token (str | Unset):  Default: ''.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | RequestPage
     """


    return (await asyncio_detailed(
        client=client,
client_id=client_id,
status=status,
type_=type_,
page_size=page_size,
page_token=page_token,

    )).parsed
