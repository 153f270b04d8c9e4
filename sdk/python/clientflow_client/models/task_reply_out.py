from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.task_reply_file_out import TaskReplyFileOut





T = TypeVar("T", bound="TaskReplyOut")



@_attrs_define
class TaskReplyOut:
    """ 
        Attributes:
            attachments (list[TaskReplyFileOut]):
            excerpt (str):
            interaction_id (str):
            received_at (datetime.datetime | None):
            subject (str):
     """

    attachments: list[TaskReplyFileOut]
    excerpt: str
    interaction_id: str
    received_at: datetime.datetime | None
    subject: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.task_reply_file_out import TaskReplyFileOut # noqa: PLC0415
        attachments = []
        for attachments_item_data in self.attachments:
            attachments_item = attachments_item_data.to_dict()
            attachments.append(attachments_item)



        excerpt = self.excerpt

        interaction_id = self.interaction_id

        received_at: None | str
        if isinstance(self.received_at, datetime.datetime):
            received_at = self.received_at.isoformat()
        else:
            received_at = self.received_at

        subject = self.subject


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "attachments": attachments,
            "excerpt": excerpt,
            "interaction_id": interaction_id,
            "received_at": received_at,
            "subject": subject,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.task_reply_file_out import TaskReplyFileOut # noqa: PLC0415
        d = dict(src_dict)
        attachments = []
        _attachments = d.pop("attachments")
        for attachments_item_data in (_attachments):
            attachments_item = TaskReplyFileOut.from_dict(attachments_item_data)



            attachments.append(attachments_item)


        excerpt = d.pop("excerpt")

        interaction_id = d.pop("interaction_id")

        def _parse_received_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                received_at_type_0 = datetime.datetime.fromisoformat(data)



                return received_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        received_at = _parse_received_at(d.pop("received_at"))


        subject = d.pop("subject")

        task_reply_out = cls(
            attachments=attachments,
            excerpt=excerpt,
            interaction_id=interaction_id,
            received_at=received_at,
            subject=subject,
        )


        task_reply_out.additional_properties = d
        return task_reply_out

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
