from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset






T = TypeVar("T", bound="RateIn")



@_attrs_define
class RateIn:
    """ 
        Attributes:
            score (int):
            comment (str | Unset):  Default: ''.
     """

    score: int
    comment: str | Unset = ''





    def to_dict(self) -> dict[str, Any]:
        score = self.score

        comment = self.comment


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "score": score,
        })
        if comment is not UNSET:
            field_dict["comment"] = comment

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        score = d.pop("score")

        comment = d.pop("comment", UNSET)

        rate_in = cls(
            score=score,
            comment=comment,
        )

        return rate_in

