from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset






T = TypeVar("T", bound="ClientStepOut")



@_attrs_define
class ClientStepOut:
    """ 
        Attributes:
            key (str):
            name_en (str):
            name_zh (str):
            state (str): pending | current | done | skipped
            done_at (str | Unset):  Default: ''.
            due_at (str | Unset):  Default: ''.
     """

    key: str
    name_en: str
    name_zh: str
    state: str
    done_at: str | Unset = ''
    due_at: str | Unset = ''
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        key = self.key

        name_en = self.name_en

        name_zh = self.name_zh

        state = self.state

        done_at = self.done_at

        due_at = self.due_at


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "key": key,
            "name_en": name_en,
            "name_zh": name_zh,
            "state": state,
        })
        if done_at is not UNSET:
            field_dict["done_at"] = done_at
        if due_at is not UNSET:
            field_dict["due_at"] = due_at

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        key = d.pop("key")

        name_en = d.pop("name_en")

        name_zh = d.pop("name_zh")

        state = d.pop("state")

        done_at = d.pop("done_at", UNSET)

        due_at = d.pop("due_at", UNSET)

        client_step_out = cls(
            key=key,
            name_en=name_en,
            name_zh=name_zh,
            state=state,
            done_at=done_at,
            due_at=due_at,
        )


        client_step_out.additional_properties = d
        return client_step_out

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
