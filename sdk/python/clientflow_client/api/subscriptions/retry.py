from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.problem import Problem
from ...models.webhook_delivery_out import WebhookDeliveryOut
from typing import cast
from uuid import UUID



def _get_kwargs(
    subscription_id: UUID,
    delivery_id: int,

) -> dict[str, Any]:
    

    

    

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/subscriptions/{subscription_id}/deliveries/{delivery_id}/retry".format(subscription_id=quote(str(subscription_id), safe=""),delivery_id=quote(str(delivery_id), safe=""),),
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Problem | WebhookDeliveryOut | None:
    if response.status_code == 200:
        response_200 = WebhookDeliveryOut.from_dict(response.json())



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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Problem | WebhookDeliveryOut]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    subscription_id: UUID,
    delivery_id: int,
    *,
    client: AuthenticatedClient,

) -> Response[Problem | WebhookDeliveryOut]:
    """ Retry

     A dead delivery gets a new round of attempts.

    Args:
        subscription_id (UUID):
        delivery_id (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | WebhookDeliveryOut]
     """


    kwargs = _get_kwargs(
        subscription_id=subscription_id,
delivery_id=delivery_id,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    subscription_id: UUID,
    delivery_id: int,
    *,
    client: AuthenticatedClient,

) -> Problem | WebhookDeliveryOut | None:
    """ Retry

     A dead delivery gets a new round of attempts.

    Args:
        subscription_id (UUID):
        delivery_id (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | WebhookDeliveryOut
     """


    return sync_detailed(
        subscription_id=subscription_id,
delivery_id=delivery_id,
client=client,

    ).parsed

async def asyncio_detailed(
    subscription_id: UUID,
    delivery_id: int,
    *,
    client: AuthenticatedClient,

) -> Response[Problem | WebhookDeliveryOut]:
    """ Retry

     A dead delivery gets a new round of attempts.

    Args:
        subscription_id (UUID):
        delivery_id (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | WebhookDeliveryOut]
     """


    kwargs = _get_kwargs(
        subscription_id=subscription_id,
delivery_id=delivery_id,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    subscription_id: UUID,
    delivery_id: int,
    *,
    client: AuthenticatedClient,

) -> Problem | WebhookDeliveryOut | None:
    """ Retry

     A dead delivery gets a new round of attempts.

    Args:
        subscription_id (UUID):
        delivery_id (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | WebhookDeliveryOut
     """


    return (await asyncio_detailed(
        subscription_id=subscription_id,
delivery_id=delivery_id,
client=client,

    )).parsed
