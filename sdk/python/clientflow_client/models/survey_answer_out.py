from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast
import datetime






T = TypeVar("T", bound="SurveyAnswerOut")



@_attrs_define
class SurveyAnswerOut:
    """ 
        Attributes:
            client_id (str):
            id (str):
            recorded_by (str):
            score (int): 0-10: how likely to recommend us
            answered_at (datetime.datetime | None | Unset):
            channel (str | Unset):  Default: ''.
            comment (str | Unset):  Default: ''.
     """

    client_id: str
    id: str
    recorded_by: str
    score: int
    answered_at: datetime.datetime | None | Unset = UNSET
    channel: str | Unset = ''
    comment: str | Unset = ''
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        client_id = self.client_id

        id = self.id

        recorded_by = self.recorded_by

        score = self.score

        answered_at: None | str | Unset
        if isinstance(self.answered_at, Unset):
            answered_at = UNSET
        elif isinstance(self.answered_at, datetime.datetime):
            answered_at = self.answered_at.isoformat()
        else:
            answered_at = self.answered_at

        channel = self.channel

        comment = self.comment


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "client_id": client_id,
            "id": id,
            "recorded_by": recorded_by,
            "score": score,
        })
        if answered_at is not UNSET:
            field_dict["answered_at"] = answered_at
        if channel is not UNSET:
            field_dict["channel"] = channel
        if comment is not UNSET:
            field_dict["comment"] = comment

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        client_id = d.pop("client_id")

        id = d.pop("id")

        recorded_by = d.pop("recorded_by")

        score = d.pop("score")

        def _parse_answered_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                answered_at_type_0 = datetime.datetime.fromisoformat(data)



                return answered_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        answered_at = _parse_answered_at(d.pop("answered_at", UNSET))


        channel = d.pop("channel", UNSET)

        comment = d.pop("comment", UNSET)

        survey_answer_out = cls(
            client_id=client_id,
            id=id,
            recorded_by=recorded_by,
            score=score,
            answered_at=answered_at,
            channel=channel,
            comment=comment,
        )


        survey_answer_out.additional_properties = d
        return survey_answer_out

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
