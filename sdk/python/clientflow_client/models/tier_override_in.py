from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.tier_override_in_tier_type_0 import TierOverrideInTierType0
from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="TierOverrideIn")



@_attrs_define
class TierOverrideIn:
    """ 
        Attributes:
            reason (str | Unset):  Default: ''.
            tier (None | TierOverrideInTierType0 | Unset): null clears the override and re-scores
     """

    reason: str | Unset = ''
    tier: None | TierOverrideInTierType0 | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        reason = self.reason

        tier: None | str | Unset
        if isinstance(self.tier, Unset):
            tier = UNSET
        elif isinstance(self.tier, TierOverrideInTierType0):
            tier = self.tier.value
        else:
            tier = self.tier


        field_dict: dict[str, Any] = {}

        field_dict.update({
        })
        if reason is not UNSET:
            field_dict["reason"] = reason
        if tier is not UNSET:
            field_dict["tier"] = tier

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        reason = d.pop("reason", UNSET)

        def _parse_tier(data: object) -> None | TierOverrideInTierType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                tier_type_0 = TierOverrideInTierType0(data)



                return tier_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | TierOverrideInTierType0 | Unset, data)

        tier = _parse_tier(d.pop("tier", UNSET))


        tier_override_in = cls(
            reason=reason,
            tier=tier,
        )

        return tier_override_in

