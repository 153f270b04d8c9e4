from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.membership_body import MembershipBody





T = TypeVar("T", bound="PersonOut")



@_attrs_define
class PersonOut:
    """ 
        Attributes:
            active (bool):
            email (str):
            memberships (list[MembershipBody]):
            name (str):
            updated_at (datetime.datetime | None):
            user_id (str):
     """

    active: bool
    email: str
    memberships: list[MembershipBody]
    name: str
    updated_at: datetime.datetime | None
    user_id: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.membership_body import MembershipBody # noqa: PLC0415
        active = self.active

        email = self.email

        memberships = []
        for memberships_item_data in self.memberships:
            memberships_item = memberships_item_data.to_dict()
            memberships.append(memberships_item)



        name = self.name

        updated_at: None | str
        if isinstance(self.updated_at, datetime.datetime):
            updated_at = self.updated_at.isoformat()
        else:
            updated_at = self.updated_at

        user_id = self.user_id


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "active": active,
            "email": email,
            "memberships": memberships,
            "name": name,
            "updated_at": updated_at,
            "user_id": user_id,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.membership_body import MembershipBody # noqa: PLC0415
        d = dict(src_dict)
        active = d.pop("active")

        email = d.pop("email")

        memberships = []
        _memberships = d.pop("memberships")
        for memberships_item_data in (_memberships):
            memberships_item = MembershipBody.from_dict(memberships_item_data)



            memberships.append(memberships_item)


        name = d.pop("name")

        def _parse_updated_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                updated_at_type_0 = datetime.datetime.fromisoformat(data)



                return updated_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        updated_at = _parse_updated_at(d.pop("updated_at"))


        user_id = d.pop("user_id")

        person_out = cls(
            active=active,
            email=email,
            memberships=memberships,
            name=name,
            updated_at=updated_at,
            user_id=user_id,
        )


        person_out.additional_properties = d
        return person_out

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
