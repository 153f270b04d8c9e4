from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.rule_action_in_parameters import RuleActionInParameters





T = TypeVar("T", bound="RuleActionIn")



@_attrs_define
class RuleActionIn:
    """ 
        Attributes:
            kind (str):
            parameters (RuleActionInParameters | Unset):
            target (str | Unset):  Default: ''.
     """

    kind: str
    parameters: RuleActionInParameters | Unset = UNSET
    target: str | Unset = ''





    def to_dict(self) -> dict[str, Any]:
        from ..models.rule_action_in_parameters import RuleActionInParameters # noqa: PLC0415
        kind = self.kind

        parameters: dict[str, Any] | Unset = UNSET
        if not isinstance(self.parameters, Unset):
            parameters = self.parameters.to_dict()

        target = self.target


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "kind": kind,
        })
        if parameters is not UNSET:
            field_dict["parameters"] = parameters
        if target is not UNSET:
            field_dict["target"] = target

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.rule_action_in_parameters import RuleActionInParameters # noqa: PLC0415
        d = dict(src_dict)
        kind = d.pop("kind")

        _parameters = d.pop("parameters", UNSET)
        parameters: RuleActionInParameters | Unset
        if isinstance(_parameters,  Unset):
            parameters = UNSET
        else:
            parameters = RuleActionInParameters.from_dict(_parameters)




        target = d.pop("target", UNSET)

        rule_action_in = cls(
            kind=kind,
            parameters=parameters,
            target=target,
        )

        return rule_action_in

