from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="Me")



@_attrs_define
class Me:
    """ 
        Attributes:
            roles (list[str]):
            team_id (None | str):
            user_id (str):
            managed_team_ids (list[str] | Unset): The teams your manager role reaches
     """

    roles: list[str]
    team_id: None | str
    user_id: str
    managed_team_ids: list[str] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        roles = self.roles



        team_id: None | str
        team_id = self.team_id

        user_id = self.user_id

        managed_team_ids: list[str] | Unset = UNSET
        if not isinstance(self.managed_team_ids, Unset):
            managed_team_ids = self.managed_team_ids




        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "roles": roles,
            "team_id": team_id,
            "user_id": user_id,
        })
        if managed_team_ids is not UNSET:
            field_dict["managed_team_ids"] = managed_team_ids

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        roles = cast(list[str], d.pop("roles"))


        def _parse_team_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        team_id = _parse_team_id(d.pop("team_id"))


        user_id = d.pop("user_id")

        managed_team_ids = cast(list[str], d.pop("managed_team_ids", UNSET))


        me = cls(
            roles=roles,
            team_id=team_id,
            user_id=user_id,
            managed_team_ids=managed_team_ids,
        )


        me.additional_properties = d
        return me

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
