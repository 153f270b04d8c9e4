from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.my_requests_status_type_0 import MyRequestsStatusType0
from ...models.portal_request_page import PortalRequestPage
from ...models.problem import Problem
from ...types import UNSET, Unset
from typing import cast



def _get_kwargs(
    *,
    status: MyRequestsStatusType0 | None | Unset = UNSET,
    page_token: str | Unset = '',

) -> dict[str, Any]:
    

    

    params: dict[str, Any] = {}

    json_status: None | str | Unset
    if isinstance(status, Unset):
        json_status = UNSET
    elif isinstance(status, MyRequestsStatusType0):
        json_status = status.value
    else:
        json_status = status
    params["status"] = json_status

    params["page_token"] = page_token


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/portal/requests",
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> PortalRequestPage | Problem | None:
    if response.status_code == 200:
        response_200 = PortalRequestPage.from_dict(response.json())



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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[PortalRequestPage | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    status: MyRequestsStatusType0 | None | Unset = UNSET,
    page_token: str | Unset = '',

) -> Response[PortalRequestPage | Problem]:
    """ My Requests

    Args:
        status (MyRequestsStatusType0 | None | Unset):
        page_token (str | Unset):  Default: ''.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PortalRequestPage | Problem]
     """


    kwargs = _get_kwargs(
        status=status,
page_token=page_token,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    *,
    client: AuthenticatedClient,
    status: MyRequestsStatusType0 | None | Unset = UNSET,
    page_token: str | Unset = '',

) -> PortalRequestPage | Problem | None:
    """ My Requests

    Args:
        status (MyRequestsStatusType0 | None | Unset):
        page_token (str | Unset):  Default: ''.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PortalRequestPage | Problem
     """


    return sync_detailed(
        client=client,
status=status,
page_token=page_token,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    status: MyRequestsStatusType0 | None | Unset = UNSET,
    page_token: str | Unset = '',

) -> Response[PortalRequestPage | Problem]:
    """ My Requests

    Args:
        status (MyRequestsStatusType0 | None | Unset):
        page_token (str | Unset):  Default: ''.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PortalRequestPage | Problem]
     """


    kwargs = _get_kwargs(
        status=status,
page_token=page_token,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    *,
    client: AuthenticatedClient,
    status: MyRequestsStatusType0 | None | Unset = UNSET,
    page_token: str | Unset = '',

) -> PortalRequestPage | Problem | None:
    """ My Requests

    Args:
        status (MyRequestsStatusType0 | None | Unset):
        page_token (str | Unset):  Default: ''.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PortalRequestPage | Problem
     """


    return (await asyncio_detailed(
        client=client,
status=status,
page_token=page_token,

    )).parsed
