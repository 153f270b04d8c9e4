from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.scorecard_body_config import ScorecardBodyConfig





T = TypeVar("T", bound="ScorecardBody")



@_attrs_define
class ScorecardBody:
    """ 
        Attributes:
            config (ScorecardBodyConfig): {"weights": {input: w}, "scales": {input: full marks at}, "thresholds":
                {"STRATEGIC": s, "CORE": c}}
            expected_version (int | Unset):  Default: 0.
     """

    config: ScorecardBodyConfig
    expected_version: int | Unset = 0





    def to_dict(self) -> dict[str, Any]:
        from ..models.scorecard_body_config import ScorecardBodyConfig # noqa: PLC0415
        config = self.config.to_dict()

        expected_version = self.expected_version


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "config": config,
        })
        if expected_version is not UNSET:
            field_dict["expected_version"] = expected_version

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.scorecard_body_config import ScorecardBodyConfig # noqa: PLC0415
        d = dict(src_dict)
        config = ScorecardBodyConfig.from_dict(d.pop("config"))




        expected_version = d.pop("expected_version", UNSET)

        scorecard_body = cls(
            config=config,
            expected_version=expected_version,
        )

        return scorecard_body

