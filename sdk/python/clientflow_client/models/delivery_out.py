from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.delivery_out_status import DeliveryOutStatus
from typing import cast
from uuid import UUID
import datetime

if TYPE_CHECKING:
  from ..models.attempt_out import AttemptOut





T = TypeVar("T", bound="DeliveryOut")



@_attrs_define
class DeliveryOut:
    """ 
        Attributes:
            attachment_artifact_ids (list[str]):
            attempt_count (int):
            attempts (list[AttemptOut]):
            category (str):
            channel (str):
            client_id (None | UUID):
            created_at (datetime.datetime | None):
            id (UUID):
            idempotency_key (str):
            locale (str):
            next_attempt_at (datetime.datetime | None):
            priority (str):
            provider_message_id (str):
            reason (str):
            recipient (str):
            replayed (bool):
            sent_at (datetime.datetime | None):
            status (DeliveryOutStatus):
            subject (str):
            template_key (str):
            template_version (int):
            updated_at (datetime.datetime | None):
            user_id (None | str):
            workflow_id (None | str):
     """

    attachment_artifact_ids: list[str]
    attempt_count: int
    attempts: list[AttemptOut]
    category: str
    channel: str
    client_id: None | UUID
    created_at: datetime.datetime | None
    id: UUID
    idempotency_key: str
    locale: str
    next_attempt_at: datetime.datetime | None
    priority: str
    provider_message_id: str
    reason: str
    recipient: str
    replayed: bool
    sent_at: datetime.datetime | None
    status: DeliveryOutStatus
    subject: str
    template_key: str
    template_version: int
    updated_at: datetime.datetime | None
    user_id: None | str
    workflow_id: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.attempt_out import AttemptOut # noqa: PLC0415
        attachment_artifact_ids = self.attachment_artifact_ids



        attempt_count = self.attempt_count

        attempts = []
        for attempts_item_data in self.attempts:
            attempts_item = attempts_item_data.to_dict()
            attempts.append(attempts_item)



        category = self.category

        channel = self.channel

        client_id: None | str
        if isinstance(self.client_id, UUID):
            client_id = str(self.client_id)
        else:
            client_id = self.client_id

        created_at: None | str
        if isinstance(self.created_at, datetime.datetime):
            created_at = self.created_at.isoformat()
        else:
            created_at = self.created_at

        id = str(self.id)

        idempotency_key = self.idempotency_key

        locale = self.locale

        next_attempt_at: None | str
        if isinstance(self.next_attempt_at, datetime.datetime):
            next_attempt_at = self.next_attempt_at.isoformat()
        else:
            next_attempt_at = self.next_attempt_at

        priority = self.priority

        provider_message_id = self.provider_message_id

        reason = self.reason

        recipient = self.recipient

        replayed = self.replayed

        sent_at: None | str
        if isinstance(self.sent_at, datetime.datetime):
            sent_at = self.sent_at.isoformat()
        else:
            sent_at = self.sent_at

        status = self.status.value

        subject = self.subject

        template_key = self.template_key

        template_version = self.template_version

        updated_at: None | str
        if isinstance(self.updated_at, datetime.datetime):
            updated_at = self.updated_at.isoformat()
        else:
            updated_at = self.updated_at

        user_id: None | str
        user_id = self.user_id

        workflow_id: None | str
        workflow_id = self.workflow_id


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "attachment_artifact_ids": attachment_artifact_ids,
            "attempt_count": attempt_count,
            "attempts": attempts,
            "category": category,
            "channel": channel,
            "client_id": client_id,
            "created_at": created_at,
            "id": id,
            "idempotency_key": idempotency_key,
            "locale": locale,
            "next_attempt_at": next_attempt_at,
            "priority": priority,
            "provider_message_id": provider_message_id,
            "reason": reason,
            "recipient": recipient,
            "replayed": replayed,
            "sent_at": sent_at,
            "status": status,
            "subject": subject,
            "template_key": template_key,
            "template_version": template_version,
            "updated_at": updated_at,
            "user_id": user_id,
            "workflow_id": workflow_id,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.attempt_out import AttemptOut # noqa: PLC0415
        d = dict(src_dict)
        attachment_artifact_ids = cast(list[str], d.pop("attachment_artifact_ids"))


        attempt_count = d.pop("attempt_count")

        attempts = []
        _attempts = d.pop("attempts")
        for attempts_item_data in (_attempts):
            attempts_item = AttemptOut.from_dict(attempts_item_data)



            attempts.append(attempts_item)


        category = d.pop("category")

        channel = d.pop("channel")

        def _parse_client_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                client_id_type_0 = UUID(data)



                return client_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        client_id = _parse_client_id(d.pop("client_id"))


        def _parse_created_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                created_at_type_0 = datetime.datetime.fromisoformat(data)



                return created_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        created_at = _parse_created_at(d.pop("created_at"))


        id = UUID(d.pop("id"))




        idempotency_key = d.pop("idempotency_key")

        locale = d.pop("locale")

        def _parse_next_attempt_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                next_attempt_at_type_0 = datetime.datetime.fromisoformat(data)



                return next_attempt_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        next_attempt_at = _parse_next_attempt_at(d.pop("next_attempt_at"))


        priority = d.pop("priority")

        provider_message_id = d.pop("provider_message_id")

        reason = d.pop("reason")

        recipient = d.pop("recipient")

        replayed = d.pop("replayed")

        def _parse_sent_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                sent_at_type_0 = datetime.datetime.fromisoformat(data)



                return sent_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        sent_at = _parse_sent_at(d.pop("sent_at"))


        status = DeliveryOutStatus(d.pop("status"))




        subject = d.pop("subject")

        template_key = d.pop("template_key")

        template_version = d.pop("template_version")

        def _parse_updated_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                updated_at_type_0 = datetime.datetime.fromisoformat(data)



                return updated_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        updated_at = _parse_updated_at(d.pop("updated_at"))


        def _parse_user_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        user_id = _parse_user_id(d.pop("user_id"))


        def _parse_workflow_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        workflow_id = _parse_workflow_id(d.pop("workflow_id"))


        delivery_out = cls(
            attachment_artifact_ids=attachment_artifact_ids,
            attempt_count=attempt_count,
            attempts=attempts,
            category=category,
            channel=channel,
            client_id=client_id,
            created_at=created_at,
            id=id,
            idempotency_key=idempotency_key,
            locale=locale,
            next_attempt_at=next_attempt_at,
            priority=priority,
            provider_message_id=provider_message_id,
            reason=reason,
            recipient=recipient,
            replayed=replayed,
            sent_at=sent_at,
            status=status,
            subject=subject,
            template_key=template_key,
            template_version=template_version,
            updated_at=updated_at,
            user_id=user_id,
            workflow_id=workflow_id,
        )


        delivery_out.additional_properties = d
        return delivery_out

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
