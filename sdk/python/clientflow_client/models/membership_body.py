from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.membership_body_role import MembershipBodyRole






T = TypeVar("T", bound="MembershipBody")



@_attrs_define
class MembershipBody:
    """ 
        Attributes:
            role (MembershipBodyRole):
            team_id (str):
     """

    role: MembershipBodyRole
    team_id: str





    def to_dict(self) -> dict[str, Any]:
        role = self.role.value

        team_id = self.team_id


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "role": role,
            "team_id": team_id,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        role = MembershipBodyRole(d.pop("role"))




        team_id = d.pop("team_id")

        membership_body = cls(
            role=role,
            team_id=team_id,
        )

        return membership_body

