from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.preview_match_out import PreviewMatchOut
  from ..models.preview_out_clients_changed import PreviewOutClientsChanged





T = TypeVar("T", bound="PreviewOut")



@_attrs_define
class PreviewOut:
    """ 
        Attributes:
            errors (int):
            example_error (None | str):
            first_matches (list[PreviewMatchOut]):
            matched (int):
            scanned (int):
            truncated (bool):
            clients_changed (PreviewOutClientsChanged | Unset): over recent events: the distinct clients each action would
                change
     """

    errors: int
    example_error: None | str
    first_matches: list[PreviewMatchOut]
    matched: int
    scanned: int
    truncated: bool
    clients_changed: PreviewOutClientsChanged | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.preview_match_out import PreviewMatchOut # noqa: PLC0415
        from ..models.preview_out_clients_changed import PreviewOutClientsChanged # noqa: PLC0415
        errors = self.errors

        example_error: None | str
        example_error = self.example_error

        first_matches = []
        for first_matches_item_data in self.first_matches:
            first_matches_item = first_matches_item_data.to_dict()
            first_matches.append(first_matches_item)



        matched = self.matched

        scanned = self.scanned

        truncated = self.truncated

        clients_changed: dict[str, Any] | Unset = UNSET
        if not isinstance(self.clients_changed, Unset):
            clients_changed = self.clients_changed.to_dict()


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "errors": errors,
            "example_error": example_error,
            "first_matches": first_matches,
            "matched": matched,
            "scanned": scanned,
            "truncated": truncated,
        })
        if clients_changed is not UNSET:
            field_dict["clients_changed"] = clients_changed

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.preview_match_out import PreviewMatchOut # noqa: PLC0415
        from ..models.preview_out_clients_changed import PreviewOutClientsChanged # noqa: PLC0415
        d = dict(src_dict)
        errors = d.pop("errors")

        def _parse_example_error(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        example_error = _parse_example_error(d.pop("example_error"))


        first_matches = []
        _first_matches = d.pop("first_matches")
        for first_matches_item_data in (_first_matches):
            first_matches_item = PreviewMatchOut.from_dict(first_matches_item_data)



            first_matches.append(first_matches_item)


        matched = d.pop("matched")

        scanned = d.pop("scanned")

        truncated = d.pop("truncated")

        _clients_changed = d.pop("clients_changed", UNSET)
        clients_changed: PreviewOutClientsChanged | Unset
        if isinstance(_clients_changed,  Unset):
            clients_changed = UNSET
        else:
            clients_changed = PreviewOutClientsChanged.from_dict(_clients_changed)




        preview_out = cls(
            errors=errors,
            example_error=example_error,
            first_matches=first_matches,
            matched=matched,
            scanned=scanned,
            truncated=truncated,
            clients_changed=clients_changed,
        )


        preview_out.additional_properties = d
        return preview_out

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
