from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.process_start_parameters import ProcessStartParameters





T = TypeVar("T", bound="ProcessStart")



@_attrs_define
class ProcessStart:
    """ 
        Attributes:
            kind (str):
            parameters (ProcessStartParameters | Unset):
     """

    kind: str
    parameters: ProcessStartParameters | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        from ..models.process_start_parameters import ProcessStartParameters # noqa: PLC0415
        kind = self.kind

        parameters: dict[str, Any] | Unset = UNSET
        if not isinstance(self.parameters, Unset):
            parameters = self.parameters.to_dict()


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "kind": kind,
        })
        if parameters is not UNSET:
            field_dict["parameters"] = parameters

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.process_start_parameters import ProcessStartParameters # noqa: PLC0415
        d = dict(src_dict)
        kind = d.pop("kind")

        _parameters = d.pop("parameters", UNSET)
        parameters: ProcessStartParameters | Unset
        if isinstance(_parameters,  Unset):
            parameters = UNSET
        else:
            parameters = ProcessStartParameters.from_dict(_parameters)




        process_start = cls(
            kind=kind,
            parameters=parameters,
        )

        return process_start

