from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.record_condition_in import RecordConditionIn





T = TypeVar("T", bound="RecordPredicateIn")



@_attrs_define
class RecordPredicateIn:
    """ At least `count_gte` (or at most `count_lte`: 0 is none) active records of `type`
    meeting every `where`; a date value may be relative (today, today-30).

        Attributes:
            type_ (str):
            count_gte (int | None | Unset):
            count_lte (int | None | Unset):
            where (list[RecordConditionIn] | Unset):
     """

    type_: str
    count_gte: int | None | Unset = UNSET
    count_lte: int | None | Unset = UNSET
    where: list[RecordConditionIn] | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        from ..models.record_condition_in import RecordConditionIn # noqa: PLC0415
        type_ = self.type_

        count_gte: int | None | Unset
        if isinstance(self.count_gte, Unset):
            count_gte = UNSET
        else:
            count_gte = self.count_gte

        count_lte: int | None | Unset
        if isinstance(self.count_lte, Unset):
            count_lte = UNSET
        else:
            count_lte = self.count_lte

        where: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.where, Unset):
            where = []
            for where_item_data in self.where:
                where_item = where_item_data.to_dict()
                where.append(where_item)




        field_dict: dict[str, Any] = {}

        field_dict.update({
            "type": type_,
        })
        if count_gte is not UNSET:
            field_dict["count_gte"] = count_gte
        if count_lte is not UNSET:
            field_dict["count_lte"] = count_lte
        if where is not UNSET:
            field_dict["where"] = where

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.record_condition_in import RecordConditionIn # noqa: PLC0415
        d = dict(src_dict)
        type_ = d.pop("type")

        def _parse_count_gte(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        count_gte = _parse_count_gte(d.pop("count_gte", UNSET))


        def _parse_count_lte(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        count_lte = _parse_count_lte(d.pop("count_lte", UNSET))


        _where = d.pop("where", UNSET)
        where: list[RecordConditionIn] | Unset = UNSET
        if _where is not UNSET:
            where = []
            for where_item_data in _where:
                where_item = RecordConditionIn.from_dict(where_item_data)



                where.append(where_item)


        record_predicate_in = cls(
            type_=type_,
            count_gte=count_gte,
            count_lte=count_lte,
            where=where,
        )

        return record_predicate_in

