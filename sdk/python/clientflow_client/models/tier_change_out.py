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
  from ..models.tier_change_out_inputs import TierChangeOutInputs





T = TypeVar("T", bound="TierChangeOut")



@_attrs_define
class TierChangeOut:
    """ 
        Attributes:
            by_user (str):
            changed_at (datetime.datetime):
            tier (str):
            inputs (TierChangeOutInputs | Unset):
            manual (bool | Unset):  Default: False.
            previous_tier (None | str | Unset):
            reason (None | str | Unset):
            score (None | str | Unset):
            scorecard_version (int | None | Unset):
     """

    by_user: str
    changed_at: datetime.datetime
    tier: str
    inputs: TierChangeOutInputs | Unset = UNSET
    manual: bool | Unset = False
    previous_tier: None | str | Unset = UNSET
    reason: None | str | Unset = UNSET
    score: None | str | Unset = UNSET
    scorecard_version: int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.tier_change_out_inputs import TierChangeOutInputs # noqa: PLC0415
        by_user = self.by_user

        changed_at = self.changed_at.isoformat()

        tier = self.tier

        inputs: dict[str, Any] | Unset = UNSET
        if not isinstance(self.inputs, Unset):
            inputs = self.inputs.to_dict()

        manual = self.manual

        previous_tier: None | str | Unset
        if isinstance(self.previous_tier, Unset):
            previous_tier = UNSET
        else:
            previous_tier = self.previous_tier

        reason: None | str | Unset
        if isinstance(self.reason, Unset):
            reason = UNSET
        else:
            reason = self.reason

        score: None | str | Unset
        if isinstance(self.score, Unset):
            score = UNSET
        else:
            score = self.score

        scorecard_version: int | None | Unset
        if isinstance(self.scorecard_version, Unset):
            scorecard_version = UNSET
        else:
            scorecard_version = self.scorecard_version


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "by_user": by_user,
            "changed_at": changed_at,
            "tier": tier,
        })
        if inputs is not UNSET:
            field_dict["inputs"] = inputs
        if manual is not UNSET:
            field_dict["manual"] = manual
        if previous_tier is not UNSET:
            field_dict["previous_tier"] = previous_tier
        if reason is not UNSET:
            field_dict["reason"] = reason
        if score is not UNSET:
            field_dict["score"] = score
        if scorecard_version is not UNSET:
            field_dict["scorecard_version"] = scorecard_version

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.tier_change_out_inputs import TierChangeOutInputs # noqa: PLC0415
        d = dict(src_dict)
        by_user = d.pop("by_user")

        changed_at = datetime.datetime.fromisoformat(d.pop("changed_at"))




        tier = d.pop("tier")

        _inputs = d.pop("inputs", UNSET)
        inputs: TierChangeOutInputs | Unset
        if isinstance(_inputs,  Unset):
            inputs = UNSET
        else:
            inputs = TierChangeOutInputs.from_dict(_inputs)




        manual = d.pop("manual", UNSET)

        def _parse_previous_tier(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        previous_tier = _parse_previous_tier(d.pop("previous_tier", UNSET))


        def _parse_reason(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        reason = _parse_reason(d.pop("reason", UNSET))


        def _parse_score(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        score = _parse_score(d.pop("score", UNSET))


        def _parse_scorecard_version(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        scorecard_version = _parse_scorecard_version(d.pop("scorecard_version", UNSET))


        tier_change_out = cls(
            by_user=by_user,
            changed_at=changed_at,
            tier=tier,
            inputs=inputs,
            manual=manual,
            previous_tier=previous_tier,
            reason=reason,
            score=score,
            scorecard_version=scorecard_version,
        )


        tier_change_out.additional_properties = d
        return tier_change_out

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
