from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.record_condition_in_op import RecordConditionInOp
from ..types import UNSET, Unset






T = TypeVar("T", bound="RecordConditionIn")



@_attrs_define
class RecordConditionIn:
    """ 
        Attributes:
            field (str):
            value (str):
            op (RecordConditionInOp | Unset):  Default: RecordConditionInOp.EQ.
     """

    field: str
    value: str
    op: RecordConditionInOp | Unset = RecordConditionInOp.EQ





    def to_dict(self) -> dict[str, Any]:
        field = self.field

        value = self.value

        op: str | Unset = UNSET
        if not isinstance(self.op, Unset):
            op = self.op.value



        field_dict: dict[str, Any] = {}

        field_dict.update({
            "field": field,
            "value": value,
        })
        if op is not UNSET:
            field_dict["op"] = op

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        field = d.pop("field")

        value = d.pop("value")

        _op = d.pop("op", UNSET)
        op: RecordConditionInOp | Unset
        if isinstance(_op,  Unset):
            op = UNSET
        else:
            op = RecordConditionInOp(_op)




        record_condition_in = cls(
            field=field,
            value=value,
            op=op,
        )

        return record_condition_in

