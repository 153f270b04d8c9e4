from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.row_error_out import RowErrorOut





T = TypeVar("T", bound="ImportReportOut")



@_attrs_define
class ImportReportOut:
    """ 
        Attributes:
            committed (bool):
            created (int):
            errors (list[RowErrorOut]):
            rejected (int):
            rows (int):
            updated (int):
     """

    committed: bool
    created: int
    errors: list[RowErrorOut]
    rejected: int
    rows: int
    updated: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.row_error_out import RowErrorOut # noqa: PLC0415
        committed = self.committed

        created = self.created

        errors = []
        for errors_item_data in self.errors:
            errors_item = errors_item_data.to_dict()
            errors.append(errors_item)



        rejected = self.rejected

        rows = self.rows

        updated = self.updated


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "committed": committed,
            "created": created,
            "errors": errors,
            "rejected": rejected,
            "rows": rows,
            "updated": updated,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.row_error_out import RowErrorOut # noqa: PLC0415
        d = dict(src_dict)
        committed = d.pop("committed")

        created = d.pop("created")

        errors = []
        _errors = d.pop("errors")
        for errors_item_data in (_errors):
            errors_item = RowErrorOut.from_dict(errors_item_data)



            errors.append(errors_item)


        rejected = d.pop("rejected")

        rows = d.pop("rows")

        updated = d.pop("updated")

        import_report_out = cls(
            committed=committed,
            created=created,
            errors=errors,
            rejected=rejected,
            rows=rows,
            updated=updated,
        )


        import_report_out.additional_properties = d
        return import_report_out

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
