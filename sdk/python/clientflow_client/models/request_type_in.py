from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.request_type_in_definition import RequestTypeInDefinition





T = TypeVar("T", bound="RequestTypeIn")



@_attrs_define
class RequestTypeIn:
    """ 
        Attributes:
            definition (RequestTypeInDefinition):
            retired (bool | Unset):  Default: False.
     """

    definition: RequestTypeInDefinition
    retired: bool | Unset = False





    def to_dict(self) -> dict[str, Any]:
        from ..models.request_type_in_definition import RequestTypeInDefinition # noqa: PLC0415
        definition = self.definition.to_dict()

        retired = self.retired


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "definition": definition,
        })
        if retired is not UNSET:
            field_dict["retired"] = retired

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.request_type_in_definition import RequestTypeInDefinition # noqa: PLC0415
        d = dict(src_dict)
        definition = RequestTypeInDefinition.from_dict(d.pop("definition"))




        retired = d.pop("retired", UNSET)

        request_type_in = cls(
            definition=definition,
            retired=retired,
        )

        return request_type_in

