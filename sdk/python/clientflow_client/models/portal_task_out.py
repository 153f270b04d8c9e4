from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.portal_task_out_title import PortalTaskOutTitle





T = TypeVar("T", bound="PortalTaskOut")



@_attrs_define
class PortalTaskOut:
    """ 
        Attributes:
            due_at (datetime.datetime | None):
            status (str):
            title (PortalTaskOutTitle): the client wording, per locale
     """

    due_at: datetime.datetime | None
    status: str
    title: PortalTaskOutTitle
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.portal_task_out_title import PortalTaskOutTitle # noqa: PLC0415
        due_at: None | str
        if isinstance(self.due_at, datetime.datetime):
            due_at = self.due_at.isoformat()
        else:
            due_at = self.due_at

        status = self.status

        title = self.title.to_dict()


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "due_at": due_at,
            "status": status,
            "title": title,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.portal_task_out_title import PortalTaskOutTitle # noqa: PLC0415
        d = dict(src_dict)
        def _parse_due_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                due_at_type_0 = datetime.datetime.fromisoformat(data)



                return due_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        due_at = _parse_due_at(d.pop("due_at"))


        status = d.pop("status")

        title = PortalTaskOutTitle.from_dict(d.pop("title"))




        portal_task_out = cls(
            due_at=due_at,
            status=status,
            title=title,
        )


        portal_task_out.additional_properties = d
        return portal_task_out

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
