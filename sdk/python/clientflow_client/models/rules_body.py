from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.rules_body_config import RulesBodyConfig





T = TypeVar("T", bound="RulesBody")



@_attrs_define
class RulesBody:
    """ 
        Attributes:
            config (RulesBodyConfig): {"rules": [{"name", "from": [stages], "to": stage, "when":
                {"net_outflow_quarters_gte": 2}}]}
            expected_version (int | Unset):  Default: 0.
     """

    config: RulesBodyConfig
    expected_version: int | Unset = 0





    def to_dict(self) -> dict[str, Any]:
        from ..models.rules_body_config import RulesBodyConfig # noqa: PLC0415
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
        from ..models.rules_body_config import RulesBodyConfig # noqa: PLC0415
        d = dict(src_dict)
        config = RulesBodyConfig.from_dict(d.pop("config"))




        expected_version = d.pop("expected_version", UNSET)

        rules_body = cls(
            config=config,
            expected_version=expected_version,
        )

        return rules_body

