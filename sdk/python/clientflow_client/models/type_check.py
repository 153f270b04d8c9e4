from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.type_problem import TypeProblem





T = TypeVar("T", bound="TypeCheck")



@_attrs_define
class TypeCheck:
    """ 
        Attributes:
            problems (list[TypeProblem]):
            valid (bool):
     """

    problems: list[TypeProblem]
    valid: bool
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.type_problem import TypeProblem # noqa: PLC0415
        problems = []
        for problems_item_data in self.problems:
            problems_item = problems_item_data.to_dict()
            problems.append(problems_item)



        valid = self.valid


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "problems": problems,
            "valid": valid,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.type_problem import TypeProblem # noqa: PLC0415
        d = dict(src_dict)
        problems = []
        _problems = d.pop("problems")
        for problems_item_data in (_problems):
            problems_item = TypeProblem.from_dict(problems_item_data)



            problems.append(problems_item)


        valid = d.pop("valid")

        type_check = cls(
            problems=problems,
            valid=valid,
        )


        type_check.additional_properties = d
        return type_check

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
