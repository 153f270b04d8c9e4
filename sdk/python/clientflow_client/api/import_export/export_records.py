from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.export_records_format import ExportRecordsFormat
from ...models.export_records_locale import ExportRecordsLocale
from ...models.problem import Problem
from ...types import UNSET, Unset
from typing import cast
from uuid import UUID



def _get_kwargs(
    type_: str,
    *,
    client_id: None | Unset | UUID = UNSET,
    filter_: list[str] | Unset = UNSET,
    sort: str | Unset = '',
    format_: ExportRecordsFormat | Unset = ExportRecordsFormat.XLSX,
    locale: ExportRecordsLocale | Unset = ExportRecordsLocale.EN,

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

    json_filter_: list[str] | Unset = UNSET
    if not isinstance(filter_, Unset):
        json_filter_ = filter_


    params["filter"] = json_filter_

    params["sort"] = sort

    json_format_: str | Unset = UNSET
    if not isinstance(format_, Unset):
        json_format_ = format_.value

    params["format"] = json_format_

    json_locale: str | Unset = UNSET
    if not isinstance(locale, Unset):
        json_locale = locale.value

    params["locale"] = json_locale


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/records/{type_}/export".format(type_=quote(str(type_), safe=""),),
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Any | Problem | None:
    if response.status_code == 200:
        response_200 = response.json()
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

    if response.status_code == 429:
        response_429 = Problem.from_dict(response.json())



        return response_429

    if response.status_code == 503:
        response_503 = Problem.from_dict(response.json())



        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Any | Problem]:
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
    client_id: None | Unset | UUID = UNSET,
    filter_: list[str] | Unset = UNSET,
    sort: str | Unset = '',
    format_: ExportRecordsFormat | Unset = ExportRecordsFormat.XLSX,
    locale: ExportRecordsLocale | Unset = ExportRecordsLocale.EN,

) -> Response[Any | Problem]:
    """ Export Records

     The records the list would show you, as a spreadsheet (formula-like cells
    neutralised).

    Args:
        type_ (str): the record type's key
        client_id (None | Unset | UUID):
        filter_ (list[str] | Unset): field:op:value, as the list takes them
        sort (str | Unset):  Default: ''.
        format_ (ExportRecordsFormat | Unset):  Default: ExportRecordsFormat.XLSX.
        locale (ExportRecordsLocale | Unset): column titles Default: ExportRecordsLocale.EN.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Problem]
     """


    kwargs = _get_kwargs(
        type_=type_,
client_id=client_id,
filter_=filter_,
sort=sort,
format_=format_,
locale=locale,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    type_: str,
    *,
    client: AuthenticatedClient,
    client_id: None | Unset | UUID = UNSET,
    filter_: list[str] | Unset = UNSET,
    sort: str | Unset = '',
    format_: ExportRecordsFormat | Unset = ExportRecordsFormat.XLSX,
    locale: ExportRecordsLocale | Unset = ExportRecordsLocale.EN,

) -> Any | Problem | None:
    """ Export Records

     The records the list would show you, as a spreadsheet (formula-like cells
    neutralised).

    Args:
        type_ (str): the record type's key
        client_id (None | Unset | UUID):
        filter_ (list[str] | Unset): field:op:value, as the list takes them
        sort (str | Unset):  Default: ''.
        format_ (ExportRecordsFormat | Unset):  Default: ExportRecordsFormat.XLSX.
        locale (ExportRecordsLocale | Unset): column titles Default: ExportRecordsLocale.EN.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Problem
     """


    return sync_detailed(
        type_=type_,
client=client,
client_id=client_id,
filter_=filter_,
sort=sort,
format_=format_,
locale=locale,

    ).parsed

async def asyncio_detailed(
    type_: str,
    *,
    client: AuthenticatedClient,
    client_id: None | Unset | UUID = UNSET,
    filter_: list[str] | Unset = UNSET,
    sort: str | Unset = '',
    format_: ExportRecordsFormat | Unset = ExportRecordsFormat.XLSX,
    locale: ExportRecordsLocale | Unset = ExportRecordsLocale.EN,

) -> Response[Any | Problem]:
    """ Export Records

     The records the list would show you, as a spreadsheet (formula-like cells
    neutralised).

    Args:
        type_ (str): the record type's key
        client_id (None | Unset | UUID):
        filter_ (list[str] | Unset): field:op:value, as the list takes them
        sort (str | Unset):  Default: ''.
        format_ (ExportRecordsFormat | Unset):  Default: ExportRecordsFormat.XLSX.
        locale (ExportRecordsLocale | Unset): column titles Default: ExportRecordsLocale.EN.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Problem]
     """


    kwargs = _get_kwargs(
        type_=type_,
client_id=client_id,
filter_=filter_,
sort=sort,
format_=format_,
locale=locale,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    type_: str,
    *,
    client: AuthenticatedClient,
    client_id: None | Unset | UUID = UNSET,
    filter_: list[str] | Unset = UNSET,
    sort: str | Unset = '',
    format_: ExportRecordsFormat | Unset = ExportRecordsFormat.XLSX,
    locale: ExportRecordsLocale | Unset = ExportRecordsLocale.EN,

) -> Any | Problem | None:
    """ Export Records

     The records the list would show you, as a spreadsheet (formula-like cells
    neutralised).

    Args:
        type_ (str): the record type's key
        client_id (None | Unset | UUID):
        filter_ (list[str] | Unset): field:op:value, as the list takes them
        sort (str | Unset):  Default: ''.
        format_ (ExportRecordsFormat | Unset):  Default: ExportRecordsFormat.XLSX.
        locale (ExportRecordsLocale | Unset): column titles Default: ExportRecordsLocale.EN.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Problem
     """


    return (await asyncio_detailed(
        type_=type_,
client=client,
client_id=client_id,
filter_=filter_,
sort=sort,
format_=format_,
locale=locale,

    )).parsed
