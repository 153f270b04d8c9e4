from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.quarterly_run_in_parameters import QuarterlyRunInParameters





T = TypeVar("T", bound="QuarterlyRunIn")



@_attrs_define
class QuarterlyRunIn:
    """ 
        Attributes:
            book (str):
            period (str):
            parameters (QuarterlyRunInParameters | Unset): batch_size, parallel_batches, render_parallelism,
                clients_per_call, manager_id
            rerun (bool | Unset): Run a finished period again for corrections: a new attempt with its own id
                (`.../attempt-2`), the finished run kept; every client gets the corrected report Default: False.
     """

    book: str
    period: str
    parameters: QuarterlyRunInParameters | Unset = UNSET
    rerun: bool | Unset = False
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.quarterly_run_in_parameters import QuarterlyRunInParameters # noqa: PLC0415
        book = self.book

        period = self.period

        parameters: dict[str, Any] | Unset = UNSET
        if not isinstance(self.parameters, Unset):
            parameters = self.parameters.to_dict()

        rerun = self.rerun


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "book": book,
            "period": period,
        })
        if parameters is not UNSET:
            field_dict["parameters"] = parameters
        if rerun is not UNSET:
            field_dict["rerun"] = rerun

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.quarterly_run_in_parameters import QuarterlyRunInParameters # noqa: PLC0415
        d = dict(src_dict)
        book = d.pop("book")

        period = d.pop("period")

        _parameters = d.pop("parameters", UNSET)
        parameters: QuarterlyRunInParameters | Unset
        if isinstance(_parameters,  Unset):
            parameters = UNSET
        else:
            parameters = QuarterlyRunInParameters.from_dict(_parameters)




        rerun = d.pop("rerun", UNSET)

        quarterly_run_in = cls(
            book=book,
            period=period,
            parameters=parameters,
            rerun=rerun,
        )


        quarterly_run_in.additional_properties = d
        return quarterly_run_in

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
