from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.list_tasks_scope import ListTasksScope
from ...models.list_tasks_status_type_0 import ListTasksStatusType0
from ...models.problem import Problem
from ...models.task_page import TaskPage
from ...types import UNSET, Unset
from typing import cast
from uuid import UUID
import datetime



def _get_kwargs(
    *,
    scope: ListTasksScope | Unset = ListTasksScope.MINE,
    status: ListTasksStatusType0 | None | Unset = UNSET,
    due_before: datetime.datetime | None | Unset = UNSET,
    overdue: bool | Unset = False,
    process_kind: str | Unset = '',
    client_id: None | Unset | UUID = UNSET,
    page_size: int | Unset = 50,
    page_token: str | Unset = '',

) -> dict[str, Any]:
    

    

    params: dict[str, Any] = {}

    json_scope: str | Unset = UNSET
    if not isinstance(scope, Unset):
        json_scope = scope.value

    params["scope"] = json_scope

    json_status: None | str | Unset
    if isinstance(status, Unset):
        json_status = UNSET
    elif isinstance(status, ListTasksStatusType0):
        json_status = status.value
    else:
        json_status = status
    params["status"] = json_status

    json_due_before: None | str | Unset
    if isinstance(due_before, Unset):
        json_due_before = UNSET
    elif isinstance(due_before, datetime.datetime):
        json_due_before = due_before.isoformat()
    else:
        json_due_before = due_before
    params["due_before"] = json_due_before

    params["overdue"] = overdue

    params["process_kind"] = process_kind

    json_client_id: None | str | Unset
    if isinstance(client_id, Unset):
        json_client_id = UNSET
    elif isinstance(client_id, UUID):
        json_client_id = str(client_id)
    else:
        json_client_id = client_id
    params["client_id"] = json_client_id

    params["page_size"] = page_size

    params["page_token"] = page_token


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/tasks",
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Problem | TaskPage | None:
    if response.status_code == 200:
        response_200 = TaskPage.from_dict(response.json())



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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Problem | TaskPage]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    scope: ListTasksScope | Unset = ListTasksScope.MINE,
    status: ListTasksStatusType0 | None | Unset = UNSET,
    due_before: datetime.datetime | None | Unset = UNSET,
    overdue: bool | Unset = False,
    process_kind: str | Unset = '',
    client_id: None | Unset | UUID = UNSET,
    page_size: int | Unset = 50,
    page_token: str | Unset = '',

) -> Response[Problem | TaskPage]:
    """ List Tasks

     Your tasks (assigned to you, claimed by you, or offered to your role in your team),
    or your team's (managers), soonest due first.

    Args:
        scope (ListTasksScope | Unset):  Default: ListTasksScope.MINE.
        status (ListTasksStatusType0 | None | Unset):
        due_before (datetime.datetime | None | Unset):
        overdue (bool | Unset):  Default: False.
        process_kind (str | Unset):  Default: ''.
        client_id (None | Unset | UUID):
        page_size (int | Unset):  Default: 50.
        page_token (str | Unset):  Default: ''.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | TaskPage]
     """


    kwargs = _get_kwargs(
        scope=scope,
status=status,
due_before=due_before,
overdue=overdue,
process_kind=process_kind,
client_id=client_id,
page_size=page_size,
page_token=page_token,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    *,
    client: AuthenticatedClient,
    scope: ListTasksScope | Unset = ListTasksScope.MINE,
    status: ListTasksStatusType0 | None | Unset = UNSET,
    due_before: datetime.datetime | None | Unset = UNSET,
    overdue: bool | Unset = False,
    process_kind: str | Unset = '',
    client_id: None | Unset | UUID = UNSET,
    page_size: int | Unset = 50,
    page_token: str | Unset = '',

) -> Problem | TaskPage | None:
    """ List Tasks

     Your tasks (assigned to you, claimed by you, or offered to your role in your team),
    or your team's (managers), soonest due first.

    Args:
        scope (ListTasksScope | Unset):  Default: ListTasksScope.MINE.
        status (ListTasksStatusType0 | None | Unset):
        due_before (datetime.datetime | None | Unset):
        overdue (bool | Unset):  Default: False.
        process_kind (str | Unset):  Default: ''.
        client_id (None | Unset | UUID):
        page_size (int | Unset):  Default: 50.
        page_token (str | Unset):  Default: ''.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | TaskPage
     """


    return sync_detailed(
        client=client,
scope=scope,
status=status,
due_before=due_before,
overdue=overdue,
process_kind=process_kind,
client_id=client_id,
page_size=page_size,
page_token=page_token,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    scope: ListTasksScope | Unset = ListTasksScope.MINE,
    status: ListTasksStatusType0 | None | Unset = UNSET,
    due_before: datetime.datetime | None | Unset = UNSET,
    overdue: bool | Unset = False,
    process_kind: str | Unset = '',
    client_id: None | Unset | UUID = UNSET,
    page_size: int | Unset = 50,
    page_token: str | Unset = '',

) -> Response[Problem | TaskPage]:
    """ List Tasks

     Your tasks (assigned to you, claimed by you, or offered to your role in your team),
    or your team's (managers), soonest due first.

    Args:
        scope (ListTasksScope | Unset):  Default: ListTasksScope.MINE.
        status (ListTasksStatusType0 | None | Unset):
        due_before (datetime.datetime | None | Unset):
        overdue (bool | Unset):  Default: False.
        process_kind (str | Unset):  Default: ''.
        client_id (None | Unset | UUID):
        page_size (int | Unset):  Default: 50.
        page_token (str | Unset):  Default: ''.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | TaskPage]
     """


    kwargs = _get_kwargs(
        scope=scope,
status=status,
due_before=due_before,
overdue=overdue,
process_kind=process_kind,
client_id=client_id,
page_size=page_size,
page_token=page_token,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    *,
    client: AuthenticatedClient,
    scope: ListTasksScope | Unset = ListTasksScope.MINE,
    status: ListTasksStatusType0 | None | Unset = UNSET,
    due_before: datetime.datetime | None | Unset = UNSET,
    overdue: bool | Unset = False,
    process_kind: str | Unset = '',
    client_id: None | Unset | UUID = UNSET,
    page_size: int | Unset = 50,
    page_token: str | Unset = '',

) -> Problem | TaskPage | None:
    """ List Tasks

     Your tasks (assigned to you, claimed by you, or offered to your role in your team),
    or your team's (managers), soonest due first.

    Args:
        scope (ListTasksScope | Unset):  Default: ListTasksScope.MINE.
        status (ListTasksStatusType0 | None | Unset):
        due_before (datetime.datetime | None | Unset):
        overdue (bool | Unset):  Default: False.
        process_kind (str | Unset):  Default: ''.
        client_id (None | Unset | UUID):
        page_size (int | Unset):  Default: 50.
        page_token (str | Unset):  Default: ''.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | TaskPage
     """


    return (await asyncio_detailed(
        client=client,
scope=scope,
status=status,
due_before=due_before,
overdue=overdue,
process_kind=process_kind,
client_id=client_id,
page_size=page_size,
page_token=page_token,

    )).parsed
