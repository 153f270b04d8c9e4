from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.kpi_dashboard_format import KpiDashboardFormat
from ...models.problem import Problem
from ...types import UNSET, Unset
from typing import cast



def _get_kwargs(
    *,
    period: str,
    advisor_id: str | Unset = '',
    team_id: str | Unset = '',
    format_: KpiDashboardFormat | Unset = KpiDashboardFormat.JSON,

) -> dict[str, Any]:
    

    

    params: dict[str, Any] = {}

    params["period"] = period

    params["advisor_id"] = advisor_id

    params["team_id"] = team_id

    json_format_: str | Unset = UNSET
    if not isinstance(format_, Unset):
        json_format_ = format_.value

    params["format"] = json_format_


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/dashboards/kpis",
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
    *,
    client: AuthenticatedClient,
    period: str,
    advisor_id: str | Unset = '',
    team_id: str | Unset = '',
    format_: KpiDashboardFormat | Unset = KpiDashboardFormat.JSON,

) -> Response[Any | Problem]:
    """ Kpi Dashboard

     AUM (total, by tier, advisor and team), net flows by month and quarter, clients at
    the period's start and end, new, churned, retention and churn rates, dormant clients,
    tier distribution and migrations, task SLA compliance and time to complete by process,
    NPS (by advisor and team), CSAT (by advisor, team and request type), clients' requests
    by type (response and resolution hours p50/p90, SLA compliance) and the detractor
    follow-up rate — for your book (advisors), your team (managers) or the firm.
    `format=csv|xlsx` downloads the same figures as rows.

    Args:
        period (str):
        advisor_id (str | Unset):  Default: ''.
        team_id (str | Unset):  Default: ''.
        format_ (KpiDashboardFormat | Unset):  Default: KpiDashboardFormat.JSON.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Problem]
     """


    kwargs = _get_kwargs(
        period=period,
advisor_id=advisor_id,
team_id=team_id,
format_=format_,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    *,
    client: AuthenticatedClient,
    period: str,
    advisor_id: str | Unset = '',
    team_id: str | Unset = '',
    format_: KpiDashboardFormat | Unset = KpiDashboardFormat.JSON,

) -> Any | Problem | None:
    """ Kpi Dashboard

     AUM (total, by tier, advisor and team), net flows by month and quarter, clients at
    the period's start and end, new, churned, retention and churn rates, dormant clients,
    tier distribution and migrations, task SLA compliance and time to complete by process,
    NPS (by advisor and team), CSAT (by advisor, team and request type), clients' requests
    by type (response and resolution hours p50/p90, SLA compliance) and the detractor
    follow-up rate — for your book (advisors), your team (managers) or the firm.
    `format=csv|xlsx` downloads the same figures as rows.

    Args:
        period (str):
        advisor_id (str | Unset):  Default: ''.
        team_id (str | Unset):  Default: ''.
        format_ (KpiDashboardFormat | Unset):  Default: KpiDashboardFormat.JSON.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Problem
     """


    return sync_detailed(
        client=client,
period=period,
advisor_id=advisor_id,
team_id=team_id,
format_=format_,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    period: str,
    advisor_id: str | Unset = '',
    team_id: str | Unset = '',
    format_: KpiDashboardFormat | Unset = KpiDashboardFormat.JSON,

) -> Response[Any | Problem]:
    """ Kpi Dashboard

     AUM (total, by tier, advisor and team), net flows by month and quarter, clients at
    the period's start and end, new, churned, retention and churn rates, dormant clients,
    tier distribution and migrations, task SLA compliance and time to complete by process,
    NPS (by advisor and team), CSAT (by advisor, team and request type), clients' requests
    by type (response and resolution hours p50/p90, SLA compliance) and the detractor
    follow-up rate — for your book (advisors), your team (managers) or the firm.
    `format=csv|xlsx` downloads the same figures as rows.

    Args:
        period (str):
        advisor_id (str | Unset):  Default: ''.
        team_id (str | Unset):  Default: ''.
        format_ (KpiDashboardFormat | Unset):  Default: KpiDashboardFormat.JSON.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Problem]
     """


    kwargs = _get_kwargs(
        period=period,
advisor_id=advisor_id,
team_id=team_id,
format_=format_,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    *,
    client: AuthenticatedClient,
    period: str,
    advisor_id: str | Unset = '',
    team_id: str | Unset = '',
    format_: KpiDashboardFormat | Unset = KpiDashboardFormat.JSON,

) -> Any | Problem | None:
    """ Kpi Dashboard

     AUM (total, by tier, advisor and team), net flows by month and quarter, clients at
    the period's start and end, new, churned, retention and churn rates, dormant clients,
    tier distribution and migrations, task SLA compliance and time to complete by process,
    NPS (by advisor and team), CSAT (by advisor, team and request type), clients' requests
    by type (response and resolution hours p50/p90, SLA compliance) and the detractor
    follow-up rate — for your book (advisors), your team (managers) or the firm.
    `format=csv|xlsx` downloads the same figures as rows.

    Args:
        period (str):
        advisor_id (str | Unset):  Default: ''.
        team_id (str | Unset):  Default: ''.
        format_ (KpiDashboardFormat | Unset):  Default: KpiDashboardFormat.JSON.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Problem
     """


    return (await asyncio_detailed(
        client=client,
period=period,
advisor_id=advisor_id,
team_id=team_id,
format_=format_,

    )).parsed
