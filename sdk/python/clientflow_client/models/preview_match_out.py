from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast






T = TypeVar("T", bound="PreviewMatchOut")



@_attrs_define
class PreviewMatchOut:
    """ 
        Attributes:
            advisor_id (str):
            client_id (str):
            fires_on (None | str):
            name (str):
            workflow_id (str):
     """

    advisor_id: str
    client_id: str
    fires_on: None | str
    name: str
    workflow_id: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        advisor_id = self.advisor_id

        client_id = self.client_id

        fires_on: None | str
        fires_on = self.fires_on

        name = self.name

        workflow_id = self.workflow_id


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "advisor_id": advisor_id,
            "client_id": client_id,
            "fires_on": fires_on,
            "name": name,
            "workflow_id": workflow_id,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        advisor_id = d.pop("advisor_id")

        client_id = d.pop("client_id")

        def _parse_fires_on(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        fires_on = _parse_fires_on(d.pop("fires_on"))


        name = d.pop("name")

        workflow_id = d.pop("workflow_id")

        preview_match_out = cls(
            advisor_id=advisor_id,
            client_id=client_id,
            fires_on=fires_on,
            name=name,
            workflow_id=workflow_id,
        )


        preview_match_out.additional_properties = d
        return preview_match_out

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
