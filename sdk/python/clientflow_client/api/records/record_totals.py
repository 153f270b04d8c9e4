from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.problem import Problem
from ...models.totals_out import TotalsOut
from ...types import UNSET, Unset
from typing import cast



def _get_kwargs(
    type_: str,
    *,
    measure: str | Unset = '',
    date_field: str | Unset = '',
    group_by: list[str] | Unset = UNSET,
    filter_: list[str] | Unset = UNSET,

) -> dict[str, Any]:
    

    

    params: dict[str, Any] = {}

    params["measure"] = measure

    params["date_field"] = date_field

    json_group_by: list[str] | Unset = UNSET
    if not isinstance(group_by, Unset):
        json_group_by = group_by


    params["group_by"] = json_group_by

    json_filter_: list[str] | Unset = UNSET
    if not isinstance(filter_, Unset):
        json_filter_ = filter_


    params["filter"] = json_filter_


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/records/{type_}/totals".format(type_=quote(str(type_), safe=""),),
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Problem | TotalsOut | None:
    if response.status_code == 200:
        response_200 = TotalsOut.from_dict(response.json())



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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Problem | TotalsOut]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    type_: str,
    *,
    client: AuthenticatedClient,
    measure: str | Unset = '',
    date_field: str | Unset = '',
    group_by: list[str] | Unset = UNSET,
    filter_: list[str] | Unset = UNSET,

) -> Response[Problem | TotalsOut]:
    """ Record Totals

     Count and sum of the records you may see, by period, team and advisor (a dashboard's
    numbers; money summed per currency).

    Args:
        type_ (str): the record type's key
        measure (str | Unset): a number or money field to sum Default: ''.
        date_field (str | Unset): the date field periods are of (default: created) Default: ''.
        group_by (list[str] | Unset): month | quarter | team | advisor
        filter_ (list[str] | Unset): field:op:value

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | TotalsOut]
     """


    kwargs = _get_kwargs(
        type_=type_,
measure=measure,
date_field=date_field,
group_by=group_by,
filter_=filter_,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    type_: str,
    *,
    client: AuthenticatedClient,
    measure: str | Unset = '',
    date_field: str | Unset = '',
    group_by: list[str] | Unset = UNSET,
    filter_: list[str] | Unset = UNSET,

) -> Problem | TotalsOut | None:
    """ Record Totals

     Count and sum of the records you may see, by period, team and advisor (a dashboard's
    numbers; money summed per currency).

    Args:
        type_ (str): the record type's key
        measure (str | Unset): a number or money field to sum Default: ''.
        date_field (str | Unset): the date field periods are of (default: created) Default: ''.
        group_by (list[str] | Unset): month | quarter | team | advisor
        filter_ (list[str] | Unset): field:op:value

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | TotalsOut
     """


    return sync_detailed(
        type_=type_,
client=client,
measure=measure,
date_field=date_field,
group_by=group_by,
filter_=filter_,

    ).parsed

async def asyncio_detailed(
    type_: str,
    *,
    client: AuthenticatedClient,
    measure: str | Unset = '',
    date_field: str | Unset = '',
    group_by: list[str] | Unset = UNSET,
    filter_: list[str] | Unset = UNSET,

) -> Response[Problem | TotalsOut]:
    """ Record Totals

     Count and sum of the records you may see, by period, team and advisor (a dashboard's
    numbers; money summed per currency).

    Args:
        type_ (str): the record type's key
        measure (str | Unset): a number or money field to sum Default: ''.
        date_field (str | Unset): the date field periods are of (default: created) Default: ''.
        group_by (list[str] | Unset): month | quarter | team | advisor
        filter_ (list[str] | Unset): field:op:value

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | TotalsOut]
     """


    kwargs = _get_kwargs(
        type_=type_,
measure=measure,
date_field=date_field,
group_by=group_by,
filter_=filter_,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    type_: str,
    *,
    client: AuthenticatedClient,
    measure: str | Unset = '',
    date_field: str | Unset = '',
    group_by: list[str] | Unset = UNSET,
    filter_: list[str] | Unset = UNSET,

) -> Problem | TotalsOut | None:
    """ Record Totals

     Count and sum of the records you may see, by period, team and advisor (a dashboard's
    numbers; money summed per currency).

    Args:
        type_ (str): the record type's key
        measure (str | Unset): a number or money field to sum Default: ''.
        date_field (str | Unset): the date field periods are of (default: created) Default: ''.
        group_by (list[str] | Unset): month | quarter | team | advisor
        filter_ (list[str] | Unset): field:op:value

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | TotalsOut
     """


    return (await asyncio_detailed(
        type_=type_,
client=client,
measure=measure,
date_field=date_field,
group_by=group_by,
filter_=filter_,

    )).parsed
