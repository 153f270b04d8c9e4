from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.cancel_body import CancelBody
from ...models.problem import Problem
from ...models.process_out import ProcessOut
from ...types import UNSET, Unset
from typing import cast



def _get_kwargs(
    workflow_id: str,
    *,
    body: CancelBody | None | Unset = UNSET,

) -> dict[str, Any]:
    headers: dict[str, Any] = {}


    

    

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/processes/{workflow_id}/cancel".format(workflow_id=quote(str(workflow_id), safe=""),),
    }

    
    if isinstance(body, CancelBody):
        _kwargs["json"] = body.to_dict()
    else:
        _kwargs["json"] = body

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Problem | ProcessOut | None:
    if response.status_code == 200:
        response_200 = ProcessOut.from_dict(response.json())



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

    if response.status_code == 503:
        response_503 = Problem.from_dict(response.json())



        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Problem | ProcessOut]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    workflow_id: str,
    *,
    client: AuthenticatedClient,
    body: CancelBody | None | Unset = UNSET,

) -> Response[Problem | ProcessOut]:
    """ Cancel Process

     Cancel a running process; its open tasks are cancelled with it and the process
    records the reason (e.g. "the client withdrew").

    Args:
        workflow_id (str):
        body (CancelBody | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | ProcessOut]
     """


    kwargs = _get_kwargs(
        workflow_id=workflow_id,
body=body,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    workflow_id: str,
    *,
    client: AuthenticatedClient,
    body: CancelBody | None | Unset = UNSET,

) -> Problem | ProcessOut | None:
    """ Cancel Process

     Cancel a running process; its open tasks are cancelled with it and the process
    records the reason (e.g. "the client withdrew").

    Args:
        workflow_id (str):
        body (CancelBody | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | ProcessOut
     """


    return sync_detailed(
        workflow_id=workflow_id,
client=client,
body=body,

    ).parsed

async def asyncio_detailed(
    workflow_id: str,
    *,
    client: AuthenticatedClient,
    body: CancelBody | None | Unset = UNSET,

) -> Response[Problem | ProcessOut]:
    """ Cancel Process

     Cancel a running process; its open tasks are cancelled with it and the process
    records the reason (e.g. "the client withdrew").

    Args:
        workflow_id (str):
        body (CancelBody | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | ProcessOut]
     """


    kwargs = _get_kwargs(
        workflow_id=workflow_id,
body=body,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    workflow_id: str,
    *,
    client: AuthenticatedClient,
    body: CancelBody | None | Unset = UNSET,

) -> Problem | ProcessOut | None:
    """ Cancel Process

     Cancel a running process; its open tasks are cancelled with it and the process
    records the reason (e.g. "the client withdrew").

    Args:
        workflow_id (str):
        body (CancelBody | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | ProcessOut
     """


    return (await asyncio_detailed(
        workflow_id=workflow_id,
client=client,
body=body,

    )).parsed
