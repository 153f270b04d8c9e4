from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.body_import_statement import BodyImportStatement
from ...models.import_statement_format import ImportStatementFormat
from ...models.problem import Problem
from ...models.statement_out import StatementOut
from ...types import UNSET, Unset
from typing import cast



def _get_kwargs(
    *,
    body: BodyImportStatement,
    format_: ImportStatementFormat | Unset = ImportStatementFormat.MT940,

) -> dict[str, Any]:
    headers: dict[str, Any] = {}


    

    params: dict[str, Any] = {}

    json_format_: str | Unset = UNSET
    if not isinstance(format_, Unset):
        json_format_ = format_.value

    params["format"] = json_format_


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/bank-statements",
        "params": params,
    }

    _kwargs["files"] = body.to_multipart()

    headers["Content-Type"] = "multipart/form-data; boundary=+++"

    _kwargs["headers"] = headers
    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Problem | StatementOut | None:
    if response.status_code == 200:
        response_200 = StatementOut.from_dict(response.json())



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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Problem | StatementOut]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: BodyImportStatement,
    format_: ImportStatementFormat | Unset = ImportStatementFormat.MT940,

) -> Response[Problem | StatementOut]:
    """ Import Statement

     Match a statement's credits to approved calls by payment reference and amount and
    record them as payments (accountants, managers); partial payments are kept, a line
    recorded before is skipped, the rest is listed unmatched with the reason. A malformed
    file is refused naming its line, and nothing of it is recorded.

    Args:
        format_ (ImportStatementFormat | Unset): csv: columns date, amount, reference Default:
            ImportStatementFormat.MT940.
        body (BodyImportStatement):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | StatementOut]
     """


    kwargs = _get_kwargs(
        body=body,
format_=format_,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    *,
    client: AuthenticatedClient,
    body: BodyImportStatement,
    format_: ImportStatementFormat | Unset = ImportStatementFormat.MT940,

) -> Problem | StatementOut | None:
    """ Import Statement

     Match a statement's credits to approved calls by payment reference and amount and
    record them as payments (accountants, managers); partial payments are kept, a line
    recorded before is skipped, the rest is listed unmatched with the reason. A malformed
    file is refused naming its line, and nothing of it is recorded.

    Args:
        format_ (ImportStatementFormat | Unset): csv: columns date, amount, reference Default:
            ImportStatementFormat.MT940.
        body (BodyImportStatement):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | StatementOut
     """


    return sync_detailed(
        client=client,
body=body,
format_=format_,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: BodyImportStatement,
    format_: ImportStatementFormat | Unset = ImportStatementFormat.MT940,

) -> Response[Problem | StatementOut]:
    """ Import Statement

     Match a statement's credits to approved calls by payment reference and amount and
    record them as payments (accountants, managers); partial payments are kept, a line
    recorded before is skipped, the rest is listed unmatched with the reason. A malformed
    file is refused naming its line, and nothing of it is recorded.

    Args:
        format_ (ImportStatementFormat | Unset): csv: columns date, amount, reference Default:
            ImportStatementFormat.MT940.
        body (BodyImportStatement):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | StatementOut]
     """


    kwargs = _get_kwargs(
        body=body,
format_=format_,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    *,
    client: AuthenticatedClient,
    body: BodyImportStatement,
    format_: ImportStatementFormat | Unset = ImportStatementFormat.MT940,

) -> Problem | StatementOut | None:
    """ Import Statement

     Match a statement's credits to approved calls by payment reference and amount and
    record them as payments (accountants, managers); partial payments are kept, a line
    recorded before is skipped, the rest is listed unmatched with the reason. A malformed
    file is refused naming its line, and nothing of it is recorded.

    Args:
        format_ (ImportStatementFormat | Unset): csv: columns date, amount, reference Default:
            ImportStatementFormat.MT940.
        body (BodyImportStatement):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | StatementOut
     """


    return (await asyncio_detailed(
        client=client,
body=body,
format_=format_,

    )).parsed
