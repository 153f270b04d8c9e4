from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
from uuid import UUID
import datetime






T = TypeVar("T", bound="ViewOut")



@_attrs_define
class ViewOut:
    """ 
        Attributes:
            created_at (datetime.datetime | None):
            filters (list[str]):
            id (UUID):
            name (str):
            sort (str):
            type_ (str):
     """

    created_at: datetime.datetime | None
    filters: list[str]
    id: UUID
    name: str
    sort: str
    type_: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        created_at: None | str
        if isinstance(self.created_at, datetime.datetime):
            created_at = self.created_at.isoformat()
        else:
            created_at = self.created_at

        filters = self.filters



        id = str(self.id)

        name = self.name

        sort = self.sort

        type_ = self.type_


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "created_at": created_at,
            "filters": filters,
            "id": id,
            "name": name,
            "sort": sort,
            "type": type_,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
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


        filters = cast(list[str], d.pop("filters"))


        id = UUID(d.pop("id"))




        name = d.pop("name")

        sort = d.pop("sort")

        type_ = d.pop("type")

        view_out = cls(
            created_at=created_at,
            filters=filters,
            id=id,
            name=name,
            sort=sort,
            type_=type_,
        )


        view_out.additional_properties = d
        return view_out

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
