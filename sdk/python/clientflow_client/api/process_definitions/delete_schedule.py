from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.problem import Problem
from ...models.schedule_out import ScheduleOut
from typing import cast
from uuid import UUID



def _get_kwargs(
    key: str,
    segment_id: UUID,

) -> dict[str, Any]:
    

    

    

    _kwargs: dict[str, Any] = {
        "method": "delete",
        "url": "/v1/process-definitions/{key}/schedules/{segment_id}".format(key=quote(str(key), safe=""),segment_id=quote(str(segment_id), safe=""),),
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Problem | ScheduleOut | None:
    if response.status_code == 200:
        response_200 = ScheduleOut.from_dict(response.json())



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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Problem | ScheduleOut]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    key: str,
    segment_id: UUID,
    *,
    client: AuthenticatedClient,

) -> Response[Problem | ScheduleOut]:
    """ Delete Schedule

    Args:
        key (str): the definition's key
        segment_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | ScheduleOut]
     """


    kwargs = _get_kwargs(
        key=key,
segment_id=segment_id,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    key: str,
    segment_id: UUID,
    *,
    client: AuthenticatedClient,

) -> Problem | ScheduleOut | None:
    """ Delete Schedule

    Args:
        key (str): the definition's key
        segment_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | ScheduleOut
     """


    return sync_detailed(
        key=key,
segment_id=segment_id,
client=client,

    ).parsed

async def asyncio_detailed(
    key: str,
    segment_id: UUID,
    *,
    client: AuthenticatedClient,

) -> Response[Problem | ScheduleOut]:
    """ Delete Schedule

    Args:
        key (str): the definition's key
        segment_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | ScheduleOut]
     """


    kwargs = _get_kwargs(
        key=key,
segment_id=segment_id,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    key: str,
    segment_id: UUID,
    *,
    client: AuthenticatedClient,

) -> Problem | ScheduleOut | None:
    """ Delete Schedule

    Args:
        key (str): the definition's key
        segment_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | ScheduleOut
     """


    return (await asyncio_detailed(
        key=key,
segment_id=segment_id,
client=client,

    )).parsed
