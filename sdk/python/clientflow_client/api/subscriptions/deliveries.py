from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.deliveries_status_type_0 import DeliveriesStatusType0
from ...models.problem import Problem
from ...models.webhook_delivery_out import WebhookDeliveryOut
from ...types import UNSET, Unset
from typing import cast
from uuid import UUID



def _get_kwargs(
    subscription_id: UUID,
    *,
    status: DeliveriesStatusType0 | None | Unset = UNSET,
    page_size: int | Unset = 100,

) -> dict[str, Any]:
    

    

    params: dict[str, Any] = {}

    json_status: None | str | Unset
    if isinstance(status, Unset):
        json_status = UNSET
    elif isinstance(status, DeliveriesStatusType0):
        json_status = status.value
    else:
        json_status = status
    params["status"] = json_status

    params["page_size"] = page_size


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/subscriptions/{subscription_id}/deliveries".format(subscription_id=quote(str(subscription_id), safe=""),),
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Problem | list[WebhookDeliveryOut] | None:
    if response.status_code == 200:
        response_200 = []
        _response_200 = response.json()
        for response_200_item_data in (_response_200):
            response_200_item = WebhookDeliveryOut.from_dict(response_200_item_data)



            response_200.append(response_200_item)

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Problem | list[WebhookDeliveryOut]]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    subscription_id: UUID,
    *,
    client: AuthenticatedClient,
    status: DeliveriesStatusType0 | None | Unset = UNSET,
    page_size: int | Unset = 100,

) -> Response[Problem | list[WebhookDeliveryOut]]:
    """ Deliveries

     Newest first; `status=dead` is the dead-letter view.

    Args:
        subscription_id (UUID):
        status (DeliveriesStatusType0 | None | Unset):
        page_size (int | Unset):  Default: 100.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | list[WebhookDeliveryOut]]
     """


    kwargs = _get_kwargs(
        subscription_id=subscription_id,
status=status,
page_size=page_size,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    subscription_id: UUID,
    *,
    client: AuthenticatedClient,
    status: DeliveriesStatusType0 | None | Unset = UNSET,
    page_size: int | Unset = 100,

) -> Problem | list[WebhookDeliveryOut] | None:
    """ Deliveries

     Newest first; `status=dead` is the dead-letter view.

    Args:
        subscription_id (UUID):
        status (DeliveriesStatusType0 | None | Unset):
        page_size (int | Unset):  Default: 100.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | list[WebhookDeliveryOut]
     """


    return sync_detailed(
        subscription_id=subscription_id,
client=client,
status=status,
page_size=page_size,

    ).parsed

async def asyncio_detailed(
    subscription_id: UUID,
    *,
    client: AuthenticatedClient,
    status: DeliveriesStatusType0 | None | Unset = UNSET,
    page_size: int | Unset = 100,

) -> Response[Problem | list[WebhookDeliveryOut]]:
    """ Deliveries

     Newest first; `status=dead` is the dead-letter view.

    Args:
        subscription_id (UUID):
        status (DeliveriesStatusType0 | None | Unset):
        page_size (int | Unset):  Default: 100.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | list[WebhookDeliveryOut]]
     """


    kwargs = _get_kwargs(
        subscription_id=subscription_id,
status=status,
page_size=page_size,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    subscription_id: UUID,
    *,
    client: AuthenticatedClient,
    status: DeliveriesStatusType0 | None | Unset = UNSET,
    page_size: int | Unset = 100,

) -> Problem | list[WebhookDeliveryOut] | None:
    """ Deliveries

     Newest first; `status=dead` is the dead-letter view.

    Args:
        subscription_id (UUID):
        status (DeliveriesStatusType0 | None | Unset):
        page_size (int | Unset):  Default: 100.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | list[WebhookDeliveryOut]
     """


    return (await asyncio_detailed(
        subscription_id=subscription_id,
client=client,
status=status,
page_size=page_size,

    )).parsed
