from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset







T = TypeVar("T", bound="ExcludedOut")



@_attrs_define
class ExcludedOut:
    """ 
        Attributes:
            attachments_removed (int):
            excluded (bool): gone from every timeline (none left in another book)
            interactions_removed (int):
     """

    attachments_removed: int
    excluded: bool
    interactions_removed: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        attachments_removed = self.attachments_removed

        excluded = self.excluded

        interactions_removed = self.interactions_removed


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "attachments_removed": attachments_removed,
            "excluded": excluded,
            "interactions_removed": interactions_removed,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        attachments_removed = d.pop("attachments_removed")

        excluded = d.pop("excluded")

        interactions_removed = d.pop("interactions_removed")

        excluded_out = cls(
            attachments_removed=attachments_removed,
            excluded=excluded,
            interactions_removed=interactions_removed,
        )


        excluded_out.additional_properties = d
        return excluded_out

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
