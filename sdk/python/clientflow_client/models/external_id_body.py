from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset







T = TypeVar("T", bound="ExternalIdBody")



@_attrs_define
class ExternalIdBody:
    """ 
        Attributes:
            external_id (str):
            source (str):
     """

    external_id: str
    source: str





    def to_dict(self) -> dict[str, Any]:
        external_id = self.external_id

        source = self.source


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "external_id": external_id,
            "source": source,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        external_id = d.pop("external_id")

        source = d.pop("source")

        external_id_body = cls(
            external_id=external_id,
            source=source,
        )

        return external_id_body

