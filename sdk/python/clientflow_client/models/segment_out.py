from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
from uuid import UUID
import datetime

if TYPE_CHECKING:
  from ..models.segment_out_filter import SegmentOutFilter





T = TypeVar("T", bound="SegmentOut")



@_attrs_define
class SegmentOut:
    """ 
        Attributes:
            filter_ (SegmentOutFilter):
            id (UUID):
            name (str):
            owner_id (str):
            updated_at (datetime.datetime):
     """

    filter_: SegmentOutFilter
    id: UUID
    name: str
    owner_id: str
    updated_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.segment_out_filter import SegmentOutFilter # noqa: PLC0415
        filter_ = self.filter_.to_dict()

        id = str(self.id)

        name = self.name

        owner_id = self.owner_id

        updated_at = self.updated_at.isoformat()


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "filter": filter_,
            "id": id,
            "name": name,
            "owner_id": owner_id,
            "updated_at": updated_at,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.segment_out_filter import SegmentOutFilter # noqa: PLC0415
        d = dict(src_dict)
        filter_ = SegmentOutFilter.from_dict(d.pop("filter"))




        id = UUID(d.pop("id"))




        name = d.pop("name")

        owner_id = d.pop("owner_id")

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))




        segment_out = cls(
            filter_=filter_,
            id=id,
            name=name,
            owner_id=owner_id,
            updated_at=updated_at,
        )


        segment_out.additional_properties = d
        return segment_out

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
