from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.request_type_out_definition import RequestTypeOutDefinition





T = TypeVar("T", bound="RequestTypeOut")



@_attrs_define
class RequestTypeOut:
    """ 
        Attributes:
            built_in (bool):
            definition (RequestTypeOutDefinition): names, fields, steps (key, names, role, client_visible, sla {hours,
                by_tier}, outcomes, form), reopen_days, effect, csat
            key (str):
            retired (bool):
            updated_at (datetime.datetime | None):
            updated_by (str):
            version (int):
     """

    built_in: bool
    definition: RequestTypeOutDefinition
    key: str
    retired: bool
    updated_at: datetime.datetime | None
    updated_by: str
    version: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.request_type_out_definition import RequestTypeOutDefinition # noqa: PLC0415
        built_in = self.built_in

        definition = self.definition.to_dict()

        key = self.key

        retired = self.retired

        updated_at: None | str
        if isinstance(self.updated_at, datetime.datetime):
            updated_at = self.updated_at.isoformat()
        else:
            updated_at = self.updated_at

        updated_by = self.updated_by

        version = self.version


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "built_in": built_in,
            "definition": definition,
            "key": key,
            "retired": retired,
            "updated_at": updated_at,
            "updated_by": updated_by,
            "version": version,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.request_type_out_definition import RequestTypeOutDefinition # noqa: PLC0415
        d = dict(src_dict)
        built_in = d.pop("built_in")

        definition = RequestTypeOutDefinition.from_dict(d.pop("definition"))




        key = d.pop("key")

        retired = d.pop("retired")

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


        updated_by = d.pop("updated_by")

        version = d.pop("version")

        request_type_out = cls(
            built_in=built_in,
            definition=definition,
            key=key,
            retired=retired,
            updated_at=updated_at,
            updated_by=updated_by,
            version=version,
        )


        request_type_out.additional_properties = d
        return request_type_out

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
