from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.problem import Problem
from ...models.timeline_channel_type_0_item import TimelineChannelType0Item
from ...models.timeline_kind_type_0_item import TimelineKindType0Item
from ...models.timeline_page import TimelinePage
from ...types import UNSET, Unset
from typing import cast
from uuid import UUID



def _get_kwargs(
    client_id: UUID,
    *,
    kind: list[TimelineKindType0Item] | None | Unset = UNSET,
    channel: list[TimelineChannelType0Item] | None | Unset = UNSET,
    page_size: int | Unset = 25,
    page_token: str | Unset = '',

) -> dict[str, Any]:
    

    

    params: dict[str, Any] = {}

    json_kind: list[str] | None | Unset
    if isinstance(kind, Unset):
        json_kind = UNSET
    elif isinstance(kind, list):
        json_kind = []
        for kind_type_0_item_data in kind:
            kind_type_0_item = kind_type_0_item_data.value
            json_kind.append(kind_type_0_item)


    else:
        json_kind = kind
    params["kind"] = json_kind

    json_channel: list[str] | None | Unset
    if isinstance(channel, Unset):
        json_channel = UNSET
    elif isinstance(channel, list):
        json_channel = []
        for channel_type_0_item_data in channel:
            channel_type_0_item = channel_type_0_item_data.value
            json_channel.append(channel_type_0_item)


    else:
        json_channel = channel
    params["channel"] = json_channel

    params["page_size"] = page_size

    params["page_token"] = page_token


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/clients/{client_id}/timeline".format(client_id=quote(str(client_id), safe=""),),
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Problem | TimelinePage | None:
    if response.status_code == 200:
        response_200 = TimelinePage.from_dict(response.json())



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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Problem | TimelinePage]:
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
    kind: list[TimelineKindType0Item] | None | Unset = UNSET,
    channel: list[TimelineChannelType0Item] | None | Unset = UNSET,
    page_size: int | Unset = 25,
    page_token: str | Unset = '',

) -> Response[Problem | TimelinePage]:
    """ Timeline

     Interactions, processes, requests, messages sent, reports and audit entries, newest
    first. `kind` keeps some of them (repeat it); `channel` keeps interactions of those
    channels. Another advisor's client is a 404, as everywhere.

    Args:
        client_id (UUID):
        kind (list[TimelineKindType0Item] | None | Unset):
        channel (list[TimelineChannelType0Item] | None | Unset):
        page_size (int | Unset):  Default: 25.
        page_token (str | Unset):  Default: ''.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | TimelinePage]
     """


    kwargs = _get_kwargs(
        client_id=client_id,
kind=kind,
channel=channel,
page_size=page_size,
page_token=page_token,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    client_id: UUID,
    *,
    client: AuthenticatedClient,
    kind: list[TimelineKindType0Item] | None | Unset = UNSET,
    channel: list[TimelineChannelType0Item] | None | Unset = UNSET,
    page_size: int | Unset = 25,
    page_token: str | Unset = '',

) -> Problem | TimelinePage | None:
    """ Timeline

     Interactions, processes, requests, messages sent, reports and audit entries, newest
    first. `kind` keeps some of them (repeat it); `channel` keeps interactions of those
    channels. Another advisor's client is a 404, as everywhere.

    Args:
        client_id (UUID):
        kind (list[TimelineKindType0Item] | None | Unset):
        channel (list[TimelineChannelType0Item] | None | Unset):
        page_size (int | Unset):  Default: 25.
        page_token (str | Unset):  Default: ''.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | TimelinePage
     """


    return sync_detailed(
        client_id=client_id,
client=client,
kind=kind,
channel=channel,
page_size=page_size,
page_token=page_token,

    ).parsed

async def asyncio_detailed(
    client_id: UUID,
    *,
    client: AuthenticatedClient,
    kind: list[TimelineKindType0Item] | None | Unset = UNSET,
    channel: list[TimelineChannelType0Item] | None | Unset = UNSET,
    page_size: int | Unset = 25,
    page_token: str | Unset = '',

) -> Response[Problem | TimelinePage]:
    """ Timeline

     Interactions, processes, requests, messages sent, reports and audit entries, newest
    first. `kind` keeps some of them (repeat it); `channel` keeps interactions of those
    channels. Another advisor's client is a 404, as everywhere.

    Args:
        client_id (UUID):
        kind (list[TimelineKindType0Item] | None | Unset):
        channel (list[TimelineChannelType0Item] | None | Unset):
        page_size (int | Unset):  Default: 25.
        page_token (str | Unset):  Default: ''.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | TimelinePage]
     """


    kwargs = _get_kwargs(
        client_id=client_id,
kind=kind,
channel=channel,
page_size=page_size,
page_token=page_token,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    client_id: UUID,
    *,
    client: AuthenticatedClient,
    kind: list[TimelineKindType0Item] | None | Unset = UNSET,
    channel: list[TimelineChannelType0Item] | None | Unset = UNSET,
    page_size: int | Unset = 25,
    page_token: str | Unset = '',

) -> Problem | TimelinePage | None:
    """ Timeline

     Interactions, processes, requests, messages sent, reports and audit entries, newest
    first. `kind` keeps some of them (repeat it); `channel` keeps interactions of those
    channels. Another advisor's client is a 404, as everywhere.

    Args:
        client_id (UUID):
        kind (list[TimelineKindType0Item] | None | Unset):
        channel (list[TimelineChannelType0Item] | None | Unset):
        page_size (int | Unset):  Default: 25.
        page_token (str | Unset):  Default: ''.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | TimelinePage
     """


    return (await asyncio_detailed(
        client_id=client_id,
client=client,
kind=kind,
channel=channel,
page_size=page_size,
page_token=page_token,

    )).parsed
