from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.client_page import ClientPage
from ...models.problem import Problem
from ...types import UNSET, Unset
from typing import cast
import datetime



def _get_kwargs(
    *,
    tier: list[str] | None | Unset = UNSET,
    stage: list[str] | None | Unset = UNSET,
    tag: list[str] | None | Unset = UNSET,
    advisor_id: list[str] | None | Unset = UNSET,
    team_id: list[str] | None | Unset = UNSET,
    risk_level: list[str] | None | Unset = UNSET,
    aum_min: None | str | Unset = UNSET,
    aum_max: None | str | Unset = UNSET,
    last_activity_before: datetime.datetime | None | Unset = UNSET,
    last_activity_after: datetime.datetime | None | Unset = UNSET,
    last_contact_before: datetime.datetime | None | Unset = UNSET,
    last_contact_after: datetime.datetime | None | Unset = UNSET,
    page_size: int | Unset = 50,
    page_token: str | Unset = '',

) -> dict[str, Any]:
    

    

    params: dict[str, Any] = {}

    json_tier: list[str] | None | Unset
    if isinstance(tier, Unset):
        json_tier = UNSET
    elif isinstance(tier, list):
        json_tier = tier


    else:
        json_tier = tier
    params["tier"] = json_tier

    json_stage: list[str] | None | Unset
    if isinstance(stage, Unset):
        json_stage = UNSET
    elif isinstance(stage, list):
        json_stage = stage


    else:
        json_stage = stage
    params["stage"] = json_stage

    json_tag: list[str] | None | Unset
    if isinstance(tag, Unset):
        json_tag = UNSET
    elif isinstance(tag, list):
        json_tag = tag


    else:
        json_tag = tag
    params["tag"] = json_tag

    json_advisor_id: list[str] | None | Unset
    if isinstance(advisor_id, Unset):
        json_advisor_id = UNSET
    elif isinstance(advisor_id, list):
        json_advisor_id = advisor_id


    else:
        json_advisor_id = advisor_id
    params["advisor_id"] = json_advisor_id

    json_team_id: list[str] | None | Unset
    if isinstance(team_id, Unset):
        json_team_id = UNSET
    elif isinstance(team_id, list):
        json_team_id = team_id


    else:
        json_team_id = team_id
    params["team_id"] = json_team_id

    json_risk_level: list[str] | None | Unset
    if isinstance(risk_level, Unset):
        json_risk_level = UNSET
    elif isinstance(risk_level, list):
        json_risk_level = risk_level


    else:
        json_risk_level = risk_level
    params["risk_level"] = json_risk_level

    json_aum_min: None | str | Unset
    if isinstance(aum_min, Unset):
        json_aum_min = UNSET
    else:
        json_aum_min = aum_min
    params["aum_min"] = json_aum_min

    json_aum_max: None | str | Unset
    if isinstance(aum_max, Unset):
        json_aum_max = UNSET
    else:
        json_aum_max = aum_max
    params["aum_max"] = json_aum_max

    json_last_activity_before: None | str | Unset
    if isinstance(last_activity_before, Unset):
        json_last_activity_before = UNSET
    elif isinstance(last_activity_before, datetime.datetime):
        json_last_activity_before = last_activity_before.isoformat()
    else:
        json_last_activity_before = last_activity_before
    params["last_activity_before"] = json_last_activity_before

    json_last_activity_after: None | str | Unset
    if isinstance(last_activity_after, Unset):
        json_last_activity_after = UNSET
    elif isinstance(last_activity_after, datetime.datetime):
        json_last_activity_after = last_activity_after.isoformat()
    else:
        json_last_activity_after = last_activity_after
    params["last_activity_after"] = json_last_activity_after

    json_last_contact_before: None | str | Unset
    if isinstance(last_contact_before, Unset):
        json_last_contact_before = UNSET
    elif isinstance(last_contact_before, datetime.datetime):
        json_last_contact_before = last_contact_before.isoformat()
    else:
        json_last_contact_before = last_contact_before
    params["last_contact_before"] = json_last_contact_before

    json_last_contact_after: None | str | Unset
    if isinstance(last_contact_after, Unset):
        json_last_contact_after = UNSET
    elif isinstance(last_contact_after, datetime.datetime):
        json_last_contact_after = last_contact_after.isoformat()
    else:
        json_last_contact_after = last_contact_after
    params["last_contact_after"] = json_last_contact_after

    params["page_size"] = page_size

    params["page_token"] = page_token


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/clients",
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> ClientPage | Problem | None:
    if response.status_code == 200:
        response_200 = ClientPage.from_dict(response.json())



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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[ClientPage | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    tier: list[str] | None | Unset = UNSET,
    stage: list[str] | None | Unset = UNSET,
    tag: list[str] | None | Unset = UNSET,
    advisor_id: list[str] | None | Unset = UNSET,
    team_id: list[str] | None | Unset = UNSET,
    risk_level: list[str] | None | Unset = UNSET,
    aum_min: None | str | Unset = UNSET,
    aum_max: None | str | Unset = UNSET,
    last_activity_before: datetime.datetime | None | Unset = UNSET,
    last_activity_after: datetime.datetime | None | Unset = UNSET,
    last_contact_before: datetime.datetime | None | Unset = UNSET,
    last_contact_after: datetime.datetime | None | Unset = UNSET,
    page_size: int | Unset = 50,
    page_token: str | Unset = '',

) -> Response[ClientPage | Problem]:
    """ List Clients

     Clients you may see, newest first, filtered.

    Args:
        tier (list[str] | None | Unset):
        stage (list[str] | None | Unset):
        tag (list[str] | None | Unset): any of these tags
        advisor_id (list[str] | None | Unset):
        team_id (list[str] | None | Unset):
        risk_level (list[str] | None | Unset):
        aum_min (None | str | Unset):
        aum_max (None | str | Unset):
        last_activity_before (datetime.datetime | None | Unset):
        last_activity_after (datetime.datetime | None | Unset):
        last_contact_before (datetime.datetime | None | Unset):
        last_contact_after (datetime.datetime | None | Unset):
        page_size (int | Unset):  Default: 50.
        page_token (str | Unset):  Default: ''.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ClientPage | Problem]
     """


    kwargs = _get_kwargs(
        tier=tier,
stage=stage,
tag=tag,
advisor_id=advisor_id,
team_id=team_id,
risk_level=risk_level,
aum_min=aum_min,
aum_max=aum_max,
last_activity_before=last_activity_before,
last_activity_after=last_activity_after,
last_contact_before=last_contact_before,
last_contact_after=last_contact_after,
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
    tier: list[str] | None | Unset = UNSET,
    stage: list[str] | None | Unset = UNSET,
    tag: list[str] | None | Unset = UNSET,
    advisor_id: list[str] | None | Unset = UNSET,
    team_id: list[str] | None | Unset = UNSET,
    risk_level: list[str] | None | Unset = UNSET,
    aum_min: None | str | Unset = UNSET,
    aum_max: None | str | Unset = UNSET,
    last_activity_before: datetime.datetime | None | Unset = UNSET,
    last_activity_after: datetime.datetime | None | Unset = UNSET,
    last_contact_before: datetime.datetime | None | Unset = UNSET,
    last_contact_after: datetime.datetime | None | Unset = UNSET,
    page_size: int | Unset = 50,
    page_token: str | Unset = '',

) -> ClientPage | Problem | None:
    """ List Clients

     Clients you may see, newest first, filtered.

    Args:
        tier (list[str] | None | Unset):
        stage (list[str] | None | Unset):
        tag (list[str] | None | Unset): any of these tags
        advisor_id (list[str] | None | Unset):
        team_id (list[str] | None | Unset):
        risk_level (list[str] | None | Unset):
        aum_min (None | str | Unset):
        aum_max (None | str | Unset):
        last_activity_before (datetime.datetime | None | Unset):
        last_activity_after (datetime.datetime | None | Unset):
        last_contact_before (datetime.datetime | None | Unset):
        last_contact_after (datetime.datetime | None | Unset):
        page_size (int | Unset):  Default: 50.
        page_token (str | Unset):  Default: ''.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ClientPage | Problem
     """


    return sync_detailed(
        client=client,
tier=tier,
stage=stage,
tag=tag,
advisor_id=advisor_id,
team_id=team_id,
risk_level=risk_level,
aum_min=aum_min,
aum_max=aum_max,
last_activity_before=last_activity_before,
last_activity_after=last_activity_after,
last_contact_before=last_contact_before,
last_contact_after=last_contact_after,
page_size=page_size,
page_token=page_token,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    tier: list[str] | None | Unset = UNSET,
    stage: list[str] | None | Unset = UNSET,
    tag: list[str] | None | Unset = UNSET,
    advisor_id: list[str] | None | Unset = UNSET,
    team_id: list[str] | None | Unset = UNSET,
    risk_level: list[str] | None | Unset = UNSET,
    aum_min: None | str | Unset = UNSET,
    aum_max: None | str | Unset = UNSET,
    last_activity_before: datetime.datetime | None | Unset = UNSET,
    last_activity_after: datetime.datetime | None | Unset = UNSET,
    last_contact_before: datetime.datetime | None | Unset = UNSET,
    last_contact_after: datetime.datetime | None | Unset = UNSET,
    page_size: int | Unset = 50,
    page_token: str | Unset = '',

) -> Response[ClientPage | Problem]:
    """ List Clients

     Clients you may see, newest first, filtered.

    Args:
        tier (list[str] | None | Unset):
        stage (list[str] | None | Unset):
        tag (list[str] | None | Unset): any of these tags
        advisor_id (list[str] | None | Unset):
        team_id (list[str] | None | Unset):
        risk_level (list[str] | None | Unset):
        aum_min (None | str | Unset):
        aum_max (None | str | Unset):
        last_activity_before (datetime.datetime | None | Unset):
        last_activity_after (datetime.datetime | None | Unset):
        last_contact_before (datetime.datetime | None | Unset):
        last_contact_after (datetime.datetime | None | Unset):
        page_size (int | Unset):  Default: 50.
        page_token (str | Unset):  Default: ''.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ClientPage | Problem]
     """


    kwargs = _get_kwargs(
        tier=tier,
stage=stage,
tag=tag,
advisor_id=advisor_id,
team_id=team_id,
risk_level=risk_level,
aum_min=aum_min,
aum_max=aum_max,
last_activity_before=last_activity_before,
last_activity_after=last_activity_after,
last_contact_before=last_contact_before,
last_contact_after=last_contact_after,
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
    tier: list[str] | None | Unset = UNSET,
    stage: list[str] | None | Unset = UNSET,
    tag: list[str] | None | Unset = UNSET,
    advisor_id: list[str] | None | Unset = UNSET,
    team_id: list[str] | None | Unset = UNSET,
    risk_level: list[str] | None | Unset = UNSET,
    aum_min: None | str | Unset = UNSET,
    aum_max: None | str | Unset = UNSET,
    last_activity_before: datetime.datetime | None | Unset = UNSET,
    last_activity_after: datetime.datetime | None | Unset = UNSET,
    last_contact_before: datetime.datetime | None | Unset = UNSET,
    last_contact_after: datetime.datetime | None | Unset = UNSET,
    page_size: int | Unset = 50,
    page_token: str | Unset = '',

) -> ClientPage | Problem | None:
    """ List Clients

     Clients you may see, newest first, filtered.

    Args:
        tier (list[str] | None | Unset):
        stage (list[str] | None | Unset):
        tag (list[str] | None | Unset): any of these tags
        advisor_id (list[str] | None | Unset):
        team_id (list[str] | None | Unset):
        risk_level (list[str] | None | Unset):
        aum_min (None | str | Unset):
        aum_max (None | str | Unset):
        last_activity_before (datetime.datetime | None | Unset):
        last_activity_after (datetime.datetime | None | Unset):
        last_contact_before (datetime.datetime | None | Unset):
        last_contact_after (datetime.datetime | None | Unset):
        page_size (int | Unset):  Default: 50.
        page_token (str | Unset):  Default: ''.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ClientPage | Problem
     """


    return (await asyncio_detailed(
        client=client,
tier=tier,
stage=stage,
tag=tag,
advisor_id=advisor_id,
team_id=team_id,
risk_level=risk_level,
aum_min=aum_min,
aum_max=aum_max,
last_activity_before=last_activity_before,
last_activity_after=last_activity_after,
last_contact_before=last_contact_before,
last_contact_after=last_contact_after,
page_size=page_size,
page_token=page_token,

    )).parsed
