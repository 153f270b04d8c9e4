from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.stage_change_out_explanation import StageChangeOutExplanation





T = TypeVar("T", bound="StageChangeOut")



@_attrs_define
class StageChangeOut:
    """ 
        Attributes:
            by_user (str):
            changed_at (datetime.datetime):
            stage (str):
            explanation (StageChangeOutExplanation | Unset):
            previous_stage (None | str | Unset):
            reason (None | str | Unset):
            rule (None | str | Unset):
     """

    by_user: str
    changed_at: datetime.datetime
    stage: str
    explanation: StageChangeOutExplanation | Unset = UNSET
    previous_stage: None | str | Unset = UNSET
    reason: None | str | Unset = UNSET
    rule: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.stage_change_out_explanation import StageChangeOutExplanation # noqa: PLC0415
        by_user = self.by_user

        changed_at = self.changed_at.isoformat()

        stage = self.stage

        explanation: dict[str, Any] | Unset = UNSET
        if not isinstance(self.explanation, Unset):
            explanation = self.explanation.to_dict()

        previous_stage: None | str | Unset
        if isinstance(self.previous_stage, Unset):
            previous_stage = UNSET
        else:
            previous_stage = self.previous_stage

        reason: None | str | Unset
        if isinstance(self.reason, Unset):
            reason = UNSET
        else:
            reason = self.reason

        rule: None | str | Unset
        if isinstance(self.rule, Unset):
            rule = UNSET
        else:
            rule = self.rule


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "by_user": by_user,
            "changed_at": changed_at,
            "stage": stage,
        })
        if explanation is not UNSET:
            field_dict["explanation"] = explanation
        if previous_stage is not UNSET:
            field_dict["previous_stage"] = previous_stage
        if reason is not UNSET:
            field_dict["reason"] = reason
        if rule is not UNSET:
            field_dict["rule"] = rule

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.stage_change_out_explanation import StageChangeOutExplanation # noqa: PLC0415
        d = dict(src_dict)
        by_user = d.pop("by_user")

        changed_at = datetime.datetime.fromisoformat(d.pop("changed_at"))




        stage = d.pop("stage")

        _explanation = d.pop("explanation", UNSET)
        explanation: StageChangeOutExplanation | Unset
        if isinstance(_explanation,  Unset):
            explanation = UNSET
        else:
            explanation = StageChangeOutExplanation.from_dict(_explanation)




        def _parse_previous_stage(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        previous_stage = _parse_previous_stage(d.pop("previous_stage", UNSET))


        def _parse_reason(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        reason = _parse_reason(d.pop("reason", UNSET))


        def _parse_rule(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        rule = _parse_rule(d.pop("rule", UNSET))


        stage_change_out = cls(
            by_user=by_user,
            changed_at=changed_at,
            stage=stage,
            explanation=explanation,
            previous_stage=previous_stage,
            reason=reason,
            rule=rule,
        )


        stage_change_out.additional_properties = d
        return stage_change_out

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
