from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast
from uuid import UUID
import datetime






T = TypeVar("T", bound="SubscriptionOut")



@_attrs_define
class SubscriptionOut:
    """ 
        Attributes:
            created_at (datetime.datetime | None):
            created_by (str):
            dead (int):
            description (str):
            enabled (bool):
            event_types (list[str]):
            id (UUID):
            pending (int):
            previous_secret_until (datetime.datetime | None):
            url (str):
            secret (None | str | Unset): whsec_…: shown once, when made or rotated; verify signatures with it
     """

    created_at: datetime.datetime | None
    created_by: str
    dead: int
    description: str
    enabled: bool
    event_types: list[str]
    id: UUID
    pending: int
    previous_secret_until: datetime.datetime | None
    url: str
    secret: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        created_at: None | str
        if isinstance(self.created_at, datetime.datetime):
            created_at = self.created_at.isoformat()
        else:
            created_at = self.created_at

        created_by = self.created_by

        dead = self.dead

        description = self.description

        enabled = self.enabled

        event_types = self.event_types



        id = str(self.id)

        pending = self.pending

        previous_secret_until: None | str
        if isinstance(self.previous_secret_until, datetime.datetime):
            previous_secret_until = self.previous_secret_until.isoformat()
        else:
            previous_secret_until = self.previous_secret_until

        url = self.url

        secret: None | str | Unset
        if isinstance(self.secret, Unset):
            secret = UNSET
        else:
            secret = self.secret


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "created_at": created_at,
            "created_by": created_by,
            "dead": dead,
            "description": description,
            "enabled": enabled,
            "event_types": event_types,
            "id": id,
            "pending": pending,
            "previous_secret_until": previous_secret_until,
            "url": url,
        })
        if secret is not UNSET:
            field_dict["secret"] = secret

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        def _parse_created_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                created_at_type_0 = datetime.datetime.fromisoformat(data)



                return created_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        created_at = _parse_created_at(d.pop("created_at"))


        created_by = d.pop("created_by")

        dead = d.pop("dead")

        description = d.pop("description")

        enabled = d.pop("enabled")

        event_types = cast(list[str], d.pop("event_types"))


        id = UUID(d.pop("id"))




        pending = d.pop("pending")

        def _parse_previous_secret_until(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                previous_secret_until_type_0 = datetime.datetime.fromisoformat(data)



                return previous_secret_until_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        previous_secret_until = _parse_previous_secret_until(d.pop("previous_secret_until"))


        url = d.pop("url")

        def _parse_secret(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        secret = _parse_secret(d.pop("secret", UNSET))


        subscription_out = cls(
            created_at=created_at,
            created_by=created_by,
            dead=dead,
            description=description,
            enabled=enabled,
            event_types=event_types,
            id=id,
            pending=pending,
            previous_secret_until=previous_secret_until,
            url=url,
            secret=secret,
        )


        subscription_out.additional_properties = d
        return subscription_out

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
