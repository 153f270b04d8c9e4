from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.send_in_category_type_0 import SendInCategoryType0
from ..models.send_in_channel_type_0 import SendInChannelType0
from ..models.send_in_priority import SendInPriority
from ..types import UNSET, Unset
from typing import cast
from uuid import UUID

if TYPE_CHECKING:
  from ..models.address_in import AddressIn
  from ..models.send_in_variables import SendInVariables





T = TypeVar("T", bound="SendIn")



@_attrs_define
class SendIn:
    """ Exactly one of client_id, user_id (in-app) and address.

        Attributes:
            idempotency_key (str):
            template_key (str):
            address (AddressIn | None | Unset):
            attachment_artifact_ids (list[UUID] | Unset):
            category (None | SendInCategoryType0 | Unset):
            channel (None | SendInChannelType0 | Unset): force one channel for a client
            client_id (None | Unset | UUID):
            priority (SendInPriority | Unset):  Default: SendInPriority.NORMAL.
            user_id (None | str | Unset):
            variables (SendInVariables | Unset):
            workflow_id (str | Unset):  Default: ''.
     """

    idempotency_key: str
    template_key: str
    address: AddressIn | None | Unset = UNSET
    attachment_artifact_ids: list[UUID] | Unset = UNSET
    category: None | SendInCategoryType0 | Unset = UNSET
    channel: None | SendInChannelType0 | Unset = UNSET
    client_id: None | Unset | UUID = UNSET
    priority: SendInPriority | Unset = SendInPriority.NORMAL
    user_id: None | str | Unset = UNSET
    variables: SendInVariables | Unset = UNSET
    workflow_id: str | Unset = ''





    def to_dict(self) -> dict[str, Any]:
        from ..models.address_in import AddressIn # noqa: PLC0415
        from ..models.send_in_variables import SendInVariables # noqa: PLC0415
        idempotency_key = self.idempotency_key

        template_key = self.template_key

        address: dict[str, Any] | None | Unset
        if isinstance(self.address, Unset):
            address = UNSET
        elif isinstance(self.address, AddressIn):
            address = self.address.to_dict()
        else:
            address = self.address

        attachment_artifact_ids: list[str] | Unset = UNSET
        if not isinstance(self.attachment_artifact_ids, Unset):
            attachment_artifact_ids = []
            for attachment_artifact_ids_item_data in self.attachment_artifact_ids:
                attachment_artifact_ids_item = str(attachment_artifact_ids_item_data)
                attachment_artifact_ids.append(attachment_artifact_ids_item)



        category: None | str | Unset
        if isinstance(self.category, Unset):
            category = UNSET
        elif isinstance(self.category, SendInCategoryType0):
            category = self.category.value
        else:
            category = self.category

        channel: None | str | Unset
        if isinstance(self.channel, Unset):
            channel = UNSET
        elif isinstance(self.channel, SendInChannelType0):
            channel = self.channel.value
        else:
            channel = self.channel

        client_id: None | str | Unset
        if isinstance(self.client_id, Unset):
            client_id = UNSET
        elif isinstance(self.client_id, UUID):
            client_id = str(self.client_id)
        else:
            client_id = self.client_id

        priority: str | Unset = UNSET
        if not isinstance(self.priority, Unset):
            priority = self.priority.value


        user_id: None | str | Unset
        if isinstance(self.user_id, Unset):
            user_id = UNSET
        else:
            user_id = self.user_id

        variables: dict[str, Any] | Unset = UNSET
        if not isinstance(self.variables, Unset):
            variables = self.variables.to_dict()

        workflow_id = self.workflow_id


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "idempotency_key": idempotency_key,
            "template_key": template_key,
        })
        if address is not UNSET:
            field_dict["address"] = address
        if attachment_artifact_ids is not UNSET:
            field_dict["attachment_artifact_ids"] = attachment_artifact_ids
        if category is not UNSET:
            field_dict["category"] = category
        if channel is not UNSET:
            field_dict["channel"] = channel
        if client_id is not UNSET:
            field_dict["client_id"] = client_id
        if priority is not UNSET:
            field_dict["priority"] = priority
        if user_id is not UNSET:
            field_dict["user_id"] = user_id
        if variables is not UNSET:
            field_dict["variables"] = variables
        if workflow_id is not UNSET:
            field_dict["workflow_id"] = workflow_id

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.address_in import AddressIn # noqa: PLC0415
        from ..models.send_in_variables import SendInVariables # noqa: PLC0415
        d = dict(src_dict)
        idempotency_key = d.pop("idempotency_key")

        template_key = d.pop("template_key")

        def _parse_address(data: object) -> AddressIn | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                address_type_0 = AddressIn.from_dict(data)



                return address_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(AddressIn | None | Unset, data)

        address = _parse_address(d.pop("address", UNSET))


        _attachment_artifact_ids = d.pop("attachment_artifact_ids", UNSET)
        attachment_artifact_ids: list[UUID] | Unset = UNSET
        if _attachment_artifact_ids is not UNSET:
            attachment_artifact_ids = []
            for attachment_artifact_ids_item_data in _attachment_artifact_ids:
                attachment_artifact_ids_item = UUID(attachment_artifact_ids_item_data)



                attachment_artifact_ids.append(attachment_artifact_ids_item)


        def _parse_category(data: object) -> None | SendInCategoryType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                category_type_0 = SendInCategoryType0(data)



                return category_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | SendInCategoryType0 | Unset, data)

        category = _parse_category(d.pop("category", UNSET))


        def _parse_channel(data: object) -> None | SendInChannelType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                channel_type_0 = SendInChannelType0(data)



                return channel_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | SendInChannelType0 | Unset, data)

        channel = _parse_channel(d.pop("channel", UNSET))


        def _parse_client_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                client_id_type_0 = UUID(data)



                return client_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        client_id = _parse_client_id(d.pop("client_id", UNSET))


        _priority = d.pop("priority", UNSET)
        priority: SendInPriority | Unset
        if isinstance(_priority,  Unset):
            priority = UNSET
        else:
            priority = SendInPriority(_priority)




        def _parse_user_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        user_id = _parse_user_id(d.pop("user_id", UNSET))


        _variables = d.pop("variables", UNSET)
        variables: SendInVariables | Unset
        if isinstance(_variables,  Unset):
            variables = UNSET
        else:
            variables = SendInVariables.from_dict(_variables)




        workflow_id = d.pop("workflow_id", UNSET)

        send_in = cls(
            idempotency_key=idempotency_key,
            template_key=template_key,
            address=address,
            attachment_artifact_ids=attachment_artifact_ids,
            category=category,
            channel=channel,
            client_id=client_id,
            priority=priority,
            user_id=user_id,
            variables=variables,
            workflow_id=workflow_id,
        )

        return send_in

