from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset







T = TypeVar("T", bound="SyncOut")



@_attrs_define
class SyncOut:
    """ 
        Attributes:
            captured (int):
            duplicates (int):
            error (str):
            fetched (int):
            no_client (int):
     """

    captured: int
    duplicates: int
    error: str
    fetched: int
    no_client: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        captured = self.captured

        duplicates = self.duplicates

        error = self.error

        fetched = self.fetched

        no_client = self.no_client


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "captured": captured,
            "duplicates": duplicates,
            "error": error,
            "fetched": fetched,
            "no_client": no_client,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        captured = d.pop("captured")

        duplicates = d.pop("duplicates")

        error = d.pop("error")

        fetched = d.pop("fetched")

        no_client = d.pop("no_client")

        sync_out = cls(
            captured=captured,
            duplicates=duplicates,
            error=error,
            fetched=fetched,
            no_client=no_client,
        )


        sync_out.additional_properties = d
        return sync_out

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
