from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.body_import_positions import BodyImportPositions
from ...models.import_report_out import ImportReportOut
from ...models.problem import Problem
from ...types import UNSET, Unset
from typing import cast



def _get_kwargs(
    *,
    body: BodyImportPositions,
    all_or_nothing: bool | Unset = True,

) -> dict[str, Any]:
    headers: dict[str, Any] = {}


    

    params: dict[str, Any] = {}

    params["all_or_nothing"] = all_or_nothing


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/clients:import-positions",
        "params": params,
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
    *,
    client: AuthenticatedClient,
    body: BodyImportPositions,
    all_or_nothing: bool | Unset = True,

) -> Response[ImportReportOut | Problem]:
    """ Import Positions

     The quarter's holdings and transactions (the accountant's upload); each row is checked
    like the single-record API and reported by row, column and value.

    Args:
        all_or_nothing (bool | Unset): commit every row or none Default: True.
        body (BodyImportPositions):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ImportReportOut | Problem]
     """


    kwargs = _get_kwargs(
        body=body,
all_or_nothing=all_or_nothing,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    *,
    client: AuthenticatedClient,
    body: BodyImportPositions,
    all_or_nothing: bool | Unset = True,

) -> ImportReportOut | Problem | None:
    """ Import Positions

     The quarter's holdings and transactions (the accountant's upload); each row is checked
    like the single-record API and reported by row, column and value.

    Args:
        all_or_nothing (bool | Unset): commit every row or none Default: True.
        body (BodyImportPositions):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ImportReportOut | Problem
     """


    return sync_detailed(
        client=client,
body=body,
all_or_nothing=all_or_nothing,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: BodyImportPositions,
    all_or_nothing: bool | Unset = True,

) -> Response[ImportReportOut | Problem]:
    """ Import Positions

     The quarter's holdings and transactions (the accountant's upload); each row is checked
    like the single-record API and reported by row, column and value.

    Args:
        all_or_nothing (bool | Unset): commit every row or none Default: True.
        body (BodyImportPositions):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ImportReportOut | Problem]
     """


    kwargs = _get_kwargs(
        body=body,
all_or_nothing=all_or_nothing,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    *,
    client: AuthenticatedClient,
    body: BodyImportPositions,
    all_or_nothing: bool | Unset = True,

) -> ImportReportOut | Problem | None:
    """ Import Positions

     The quarter's holdings and transactions (the accountant's upload); each row is checked
    like the single-record API and reported by row, column and value.

    Args:
        all_or_nothing (bool | Unset): commit every row or none Default: True.
        body (BodyImportPositions):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ImportReportOut | Problem
     """


    return (await asyncio_detailed(
        client=client,
body=body,
all_or_nothing=all_or_nothing,

    )).parsed
