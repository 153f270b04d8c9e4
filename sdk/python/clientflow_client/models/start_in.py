from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from uuid import UUID






T = TypeVar("T", bound="StartIn")



@_attrs_define
class StartIn:
    """ 
        Attributes:
            client_id (UUID):
            run_key (str | Unset): the same key starts once Default: ''.
     """

    client_id: UUID
    run_key: str | Unset = ''





    def to_dict(self) -> dict[str, Any]:
        client_id = str(self.client_id)

        run_key = self.run_key


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "client_id": client_id,
        })
        if run_key is not UNSET:
            field_dict["run_key"] = run_key

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        client_id = UUID(d.pop("client_id"))




        run_key = d.pop("run_key", UNSET)

        start_in = cls(
            client_id=client_id,
            run_key=run_key,
        )

        return start_in

