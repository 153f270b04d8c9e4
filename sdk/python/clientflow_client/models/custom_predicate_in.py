from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.custom_predicate_in_op import CustomPredicateInOp
from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="CustomPredicateIn")



@_attrs_define
class CustomPredicateIn:
    """ 
        Attributes:
            key (str):
            op (CustomPredicateInOp | Unset):  Default: CustomPredicateInOp.EQ.
            value (bool | float | None | str | Unset):
     """

    key: str
    op: CustomPredicateInOp | Unset = CustomPredicateInOp.EQ
    value: bool | float | None | str | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        key = self.key

        op: str | Unset = UNSET
        if not isinstance(self.op, Unset):
            op = self.op.value


        value: bool | float | None | str | Unset
        if isinstance(self.value, Unset):
            value = UNSET
        else:
            value = self.value


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "key": key,
        })
        if op is not UNSET:
            field_dict["op"] = op
        if value is not UNSET:
            field_dict["value"] = value

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        key = d.pop("key")

        _op = d.pop("op", UNSET)
        op: CustomPredicateInOp | Unset
        if isinstance(_op,  Unset):
            op = UNSET
        else:
            op = CustomPredicateInOp(_op)




        def _parse_value(data: object) -> bool | float | None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | float | None | str | Unset, data)

        value = _parse_value(d.pop("value", UNSET))


        custom_predicate_in = cls(
            key=key,
            op=op,
            value=value,
        )

        return custom_predicate_in

