from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.kyc_risk_answers import KycRiskAnswers





T = TypeVar("T", bound="Kyc")



@_attrs_define
class Kyc:
    """ 
        Attributes:
            status (str):
            expires_on (datetime.date | None | Unset):
            investment_preferences (list[str] | Unset):
            risk_answers (KycRiskAnswers | Unset):
            risk_level (None | str | Unset):
     """

    status: str
    expires_on: datetime.date | None | Unset = UNSET
    investment_preferences: list[str] | Unset = UNSET
    risk_answers: KycRiskAnswers | Unset = UNSET
    risk_level: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.kyc_risk_answers import KycRiskAnswers # noqa: PLC0415
        status = self.status

        expires_on: None | str | Unset
        if isinstance(self.expires_on, Unset):
            expires_on = UNSET
        elif isinstance(self.expires_on, datetime.date):
            expires_on = self.expires_on.isoformat()
        else:
            expires_on = self.expires_on

        investment_preferences: list[str] | Unset = UNSET
        if not isinstance(self.investment_preferences, Unset):
            investment_preferences = self.investment_preferences



        risk_answers: dict[str, Any] | Unset = UNSET
        if not isinstance(self.risk_answers, Unset):
            risk_answers = self.risk_answers.to_dict()

        risk_level: None | str | Unset
        if isinstance(self.risk_level, Unset):
            risk_level = UNSET
        else:
            risk_level = self.risk_level


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "status": status,
        })
        if expires_on is not UNSET:
            field_dict["expires_on"] = expires_on
        if investment_preferences is not UNSET:
            field_dict["investment_preferences"] = investment_preferences
        if risk_answers is not UNSET:
            field_dict["risk_answers"] = risk_answers
        if risk_level is not UNSET:
            field_dict["risk_level"] = risk_level

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.kyc_risk_answers import KycRiskAnswers # noqa: PLC0415
        d = dict(src_dict)
        status = d.pop("status")

        def _parse_expires_on(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                expires_on_type_0 = datetime.date.fromisoformat(data)



                return expires_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        expires_on = _parse_expires_on(d.pop("expires_on", UNSET))


        investment_preferences = cast(list[str], d.pop("investment_preferences", UNSET))


        _risk_answers = d.pop("risk_answers", UNSET)
        risk_answers: KycRiskAnswers | Unset
        if isinstance(_risk_answers,  Unset):
            risk_answers = UNSET
        else:
            risk_answers = KycRiskAnswers.from_dict(_risk_answers)




        def _parse_risk_level(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        risk_level = _parse_risk_level(d.pop("risk_level", UNSET))


        kyc = cls(
            status=status,
            expires_on=expires_on,
            investment_preferences=investment_preferences,
            risk_answers=risk_answers,
            risk_level=risk_level,
        )


        kyc.additional_properties = d
        return kyc

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
