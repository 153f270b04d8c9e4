from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.event_out_payload import EventOutPayload
  from ..models.firing_out import FiringOut





T = TypeVar("T", bound="EventOut")



@_attrs_define
class EventOut:
    """ 
        Attributes:
            client_id (str):
            event_id (str):
            firings (list[FiringOut]):
            occurred_at (datetime.datetime | None):
            payload (EventOutPayload):
            received_at (datetime.datetime | None):
            replayed (bool):
            type_ (str):
     """

    client_id: str
    event_id: str
    firings: list[FiringOut]
    occurred_at: datetime.datetime | None
    payload: EventOutPayload
    received_at: datetime.datetime | None
    replayed: bool
    type_: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.event_out_payload import EventOutPayload # noqa: PLC0415
        from ..models.firing_out import FiringOut # noqa: PLC0415
        client_id = self.client_id

        event_id = self.event_id

        firings = []
        for firings_item_data in self.firings:
            firings_item = firings_item_data.to_dict()
            firings.append(firings_item)



        occurred_at: None | str
        if isinstance(self.occurred_at, datetime.datetime):
            occurred_at = self.occurred_at.isoformat()
        else:
            occurred_at = self.occurred_at

        payload = self.payload.to_dict()

        received_at: None | str
        if isinstance(self.received_at, datetime.datetime):
            received_at = self.received_at.isoformat()
        else:
            received_at = self.received_at

        replayed = self.replayed

        type_ = self.type_


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "client_id": client_id,
            "event_id": event_id,
            "firings": firings,
            "occurred_at": occurred_at,
            "payload": payload,
            "received_at": received_at,
            "replayed": replayed,
            "type": type_,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.event_out_payload import EventOutPayload # noqa: PLC0415
        from ..models.firing_out import FiringOut # noqa: PLC0415
        d = dict(src_dict)
        client_id = d.pop("client_id")

        event_id = d.pop("event_id")

        firings = []
        _firings = d.pop("firings")
        for firings_item_data in (_firings):
            firings_item = FiringOut.from_dict(firings_item_data)



            firings.append(firings_item)


        def _parse_occurred_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                occurred_at_type_0 = datetime.datetime.fromisoformat(data)



                return occurred_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        occurred_at = _parse_occurred_at(d.pop("occurred_at"))


        payload = EventOutPayload.from_dict(d.pop("payload"))




        def _parse_received_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                received_at_type_0 = datetime.datetime.fromisoformat(data)



                return received_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        received_at = _parse_received_at(d.pop("received_at"))


        replayed = d.pop("replayed")

        type_ = d.pop("type")

        event_out = cls(
            client_id=client_id,
            event_id=event_id,
            firings=firings,
            occurred_at=occurred_at,
            payload=payload,
            received_at=received_at,
            replayed=replayed,
            type_=type_,
        )


        event_out.additional_properties = d
        return event_out

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
