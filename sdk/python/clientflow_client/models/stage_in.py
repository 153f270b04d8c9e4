from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.stage_in_stage import StageInStage
from ..types import UNSET, Unset






T = TypeVar("T", bound="StageIn")



@_attrs_define
class StageIn:
    """ 
        Attributes:
            stage (StageInStage):
            reason (str | Unset):  Default: ''.
     """

    stage: StageInStage
    reason: str | Unset = ''





    def to_dict(self) -> dict[str, Any]:
        stage = self.stage.value

        reason = self.reason


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "stage": stage,
        })
        if reason is not UNSET:
            field_dict["reason"] = reason

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        stage = StageInStage(d.pop("stage"))




        reason = d.pop("reason", UNSET)

        stage_in = cls(
            stage=stage,
            reason=reason,
        )

        return stage_in

