from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.survey_out_request_names import SurveyOutRequestNames





T = TypeVar("T", bound="SurveyOut")



@_attrs_define
class SurveyOut:
    """ 
        Attributes:
            open_ (bool):
            survey (str): nps (0-10) | csat (1-5)
            request_names (SurveyOutRequestNames | Unset):
     """

    open_: bool
    survey: str
    request_names: SurveyOutRequestNames | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.survey_out_request_names import SurveyOutRequestNames # noqa: PLC0415
        open_ = self.open_

        survey = self.survey

        request_names: dict[str, Any] | Unset = UNSET
        if not isinstance(self.request_names, Unset):
            request_names = self.request_names.to_dict()


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "open": open_,
            "survey": survey,
        })
        if request_names is not UNSET:
            field_dict["request_names"] = request_names

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.survey_out_request_names import SurveyOutRequestNames # noqa: PLC0415
        d = dict(src_dict)
        open_ = d.pop("open")

        survey = d.pop("survey")

        _request_names = d.pop("request_names", UNSET)
        request_names: SurveyOutRequestNames | Unset
        if isinstance(_request_names,  Unset):
            request_names = UNSET
        else:
            request_names = SurveyOutRequestNames.from_dict(_request_names)




        survey_out = cls(
            open_=open_,
            survey=survey,
            request_names=request_names,
        )


        survey_out.additional_properties = d
        return survey_out

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
