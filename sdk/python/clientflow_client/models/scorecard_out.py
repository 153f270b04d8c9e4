from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.scorecard_out_config import ScorecardOutConfig





T = TypeVar("T", bound="ScorecardOut")



@_attrs_define
class ScorecardOut:
    """ 
        Attributes:
            config (ScorecardOutConfig):
            version (int):
     """

    config: ScorecardOutConfig
    version: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.scorecard_out_config import ScorecardOutConfig # noqa: PLC0415
        config = self.config.to_dict()

        version = self.version


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "config": config,
            "version": version,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.scorecard_out_config import ScorecardOutConfig # noqa: PLC0415
        d = dict(src_dict)
        config = ScorecardOutConfig.from_dict(d.pop("config"))




        version = d.pop("version")

        scorecard_out = cls(
            config=config,
            version=version,
        )


        scorecard_out.additional_properties = d
        return scorecard_out

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
