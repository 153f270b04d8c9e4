from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.body_import_records import BodyImportRecords
from ...models.import_report_out import ImportReportOut
from ...models.problem import Problem
from typing import cast



def _get_kwargs(
    type_: str,
    *,
    body: BodyImportRecords,

) -> dict[str, Any]:
    headers: dict[str, Any] = {}


    

    

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/records/{type_}/import".format(type_=quote(str(type_), safe=""),),
    }

    _kwargs["files"] = body.to_multipart()

    headers["Content-Type"] = "multipart/form-data; boundary=+++"

    _kwargs["headers"] = headers
    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> ImportReportOut | Problem | None:
    if response.status_code == 200:
        response_200 = ImportReportOut.from_dict(response.json())



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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[ImportReportOut | Problem]:
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
    body: BodyImportRecords,

) -> Response[ImportReportOut | Problem]:
    """ Import Records

     A type's records from a spreadsheet, every row or none; each row is checked like
    the single-record API and a refused one is reported by row, column and value.

    Args:
        type_ (str): the record type's key
        body (BodyImportRecords):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ImportReportOut | Problem]
     """


    kwargs = _get_kwargs(
        type_=type_,
body=body,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    type_: str,
    *,
    client: AuthenticatedClient,
    body: BodyImportRecords,

) -> ImportReportOut | Problem | None:
    """ Import Records

     A type's records from a spreadsheet, every row or none; each row is checked like
    the single-record API and a refused one is reported by row, column and value.

    Args:
        type_ (str): the record type's key
        body (BodyImportRecords):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ImportReportOut | Problem
     """


    return sync_detailed(
        type_=type_,
client=client,
body=body,

    ).parsed

async def asyncio_detailed(
    type_: str,
    *,
    client: AuthenticatedClient,
    body: BodyImportRecords,

) -> Response[ImportReportOut | Problem]:
    """ Import Records

     A type's records from a spreadsheet, every row or none; each row is checked like
    the single-record API and a refused one is reported by row, column and value.

    Args:
        type_ (str): the record type's key
        body (BodyImportRecords):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ImportReportOut | Problem]
     """


    kwargs = _get_kwargs(
        type_=type_,
body=body,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    type_: str,
    *,
    client: AuthenticatedClient,
    body: BodyImportRecords,

) -> ImportReportOut | Problem | None:
    """ Import Records

     A type's records from a spreadsheet, every row or none; each row is checked like
    the single-record API and a refused one is reported by row, column and value.

    Args:
        type_ (str): the record type's key
        body (BodyImportRecords):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ImportReportOut | Problem
     """


    return (await asyncio_detailed(
        type_=type_,
client=client,
body=body,

    )).parsed
