from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.get_progress_view import GetProgressView
from ...models.problem import Problem
from ...models.progress_out import ProgressOut
from ...types import UNSET, Unset
from typing import cast



def _get_kwargs(
    workflow_id: str,
    *,
    view: GetProgressView | Unset = GetProgressView.STAFF,

) -> dict[str, Any]:
    

    

    params: dict[str, Any] = {}

    json_view: str | Unset = UNSET
    if not isinstance(view, Unset):
        json_view = view.value

    params["view"] = json_view


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/processes/{workflow_id}/progress".format(workflow_id=quote(str(workflow_id), safe=""),),
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Problem | ProgressOut | None:
    if response.status_code == 200:
        response_200 = ProgressOut.from_dict(response.json())



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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Problem | ProgressOut]:
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
    view: GetProgressView | Unset = GetProgressView.STAFF,

) -> Response[Problem | ProgressOut]:
    """ Get Progress

     What the process is doing: current step, who it waits on, the due date and the step
    history, read from the workflow itself. `view=client` leaves out internal detail (who,
    notes, escalations) for a client portal.

    Args:
        workflow_id (str):
        view (GetProgressView | Unset):  Default: GetProgressView.STAFF.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | ProgressOut]
     """


    kwargs = _get_kwargs(
        workflow_id=workflow_id,
view=view,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    workflow_id: str,
    *,
    client: AuthenticatedClient,
    view: GetProgressView | Unset = GetProgressView.STAFF,

) -> Problem | ProgressOut | None:
    """ Get Progress

     What the process is doing: current step, who it waits on, the due date and the step
    history, read from the workflow itself. `view=client` leaves out internal detail (who,
    notes, escalations) for a client portal.

    Args:
        workflow_id (str):
        view (GetProgressView | Unset):  Default: GetProgressView.STAFF.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | ProgressOut
     """


    return sync_detailed(
        workflow_id=workflow_id,
client=client,
view=view,

    ).parsed

async def asyncio_detailed(
    workflow_id: str,
    *,
    client: AuthenticatedClient,
    view: GetProgressView | Unset = GetProgressView.STAFF,

) -> Response[Problem | ProgressOut]:
    """ Get Progress

     What the process is doing: current step, who it waits on, the due date and the step
    history, read from the workflow itself. `view=client` leaves out internal detail (who,
    notes, escalations) for a client portal.

    Args:
        workflow_id (str):
        view (GetProgressView | Unset):  Default: GetProgressView.STAFF.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | ProgressOut]
     """


    kwargs = _get_kwargs(
        workflow_id=workflow_id,
view=view,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    workflow_id: str,
    *,
    client: AuthenticatedClient,
    view: GetProgressView | Unset = GetProgressView.STAFF,

) -> Problem | ProgressOut | None:
    """ Get Progress

     What the process is doing: current step, who it waits on, the due date and the step
    history, read from the workflow itself. `view=client` leaves out internal detail (who,
    notes, escalations) for a client portal.

    Args:
        workflow_id (str):
        view (GetProgressView | Unset):  Default: GetProgressView.STAFF.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | ProgressOut
     """


    return (await asyncio_detailed(
        workflow_id=workflow_id,
client=client,
view=view,

    )).parsed
