from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.rules_out_config import RulesOutConfig





T = TypeVar("T", bound="RulesOut")



@_attrs_define
class RulesOut:
    """ 
        Attributes:
            config (RulesOutConfig):
            version (int):
     """

    config: RulesOutConfig
    version: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.rules_out_config import RulesOutConfig # noqa: PLC0415
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
        from ..models.rules_out_config import RulesOutConfig # noqa: PLC0415
        d = dict(src_dict)
        config = RulesOutConfig.from_dict(d.pop("config"))




        version = d.pop("version")

        rules_out = cls(
            config=config,
            version=version,
        )


        rules_out.additional_properties = d
        return rules_out

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
