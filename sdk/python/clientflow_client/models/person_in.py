from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.membership_body import MembershipBody





T = TypeVar("T", bound="PersonIn")



@_attrs_define
class PersonIn:
    """ 
        Attributes:
            name (str):
            active (bool | Unset):  Default: True.
            email (str | Unset):  Default: ''.
            memberships (list[MembershipBody] | Unset):
     """

    name: str
    active: bool | Unset = True
    email: str | Unset = ''
    memberships: list[MembershipBody] | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        from ..models.membership_body import MembershipBody # noqa: PLC0415
        name = self.name

        active = self.active

        email = self.email

        memberships: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.memberships, Unset):
            memberships = []
            for memberships_item_data in self.memberships:
                memberships_item = memberships_item_data.to_dict()
                memberships.append(memberships_item)




        field_dict: dict[str, Any] = {}

        field_dict.update({
            "name": name,
        })
        if active is not UNSET:
            field_dict["active"] = active
        if email is not UNSET:
            field_dict["email"] = email
        if memberships is not UNSET:
            field_dict["memberships"] = memberships

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.membership_body import MembershipBody # noqa: PLC0415
        d = dict(src_dict)
        name = d.pop("name")

        active = d.pop("active", UNSET)

        email = d.pop("email", UNSET)

        _memberships = d.pop("memberships", UNSET)
        memberships: list[MembershipBody] | Unset = UNSET
        if _memberships is not UNSET:
            memberships = []
            for memberships_item_data in _memberships:
                memberships_item = MembershipBody.from_dict(memberships_item_data)



                memberships.append(memberships_item)


        person_in = cls(
            name=name,
            active=active,
            email=email,
            memberships=memberships,
        )

        return person_in

