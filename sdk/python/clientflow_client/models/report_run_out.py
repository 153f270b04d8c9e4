from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime






T = TypeVar("T", bound="ReportRunOut")



@_attrs_define
class ReportRunOut:
    """ 
        Attributes:
            book (str):
            kind (str):
            period (str):
            run_id (str):
            started_at (datetime.datetime | None):
            status (str):
            workflow_id (str):
     """

    book: str
    kind: str
    period: str
    run_id: str
    started_at: datetime.datetime | None
    status: str
    workflow_id: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        book = self.book

        kind = self.kind

        period = self.period

        run_id = self.run_id

        started_at: None | str
        if isinstance(self.started_at, datetime.datetime):
            started_at = self.started_at.isoformat()
        else:
            started_at = self.started_at

        status = self.status

        workflow_id = self.workflow_id


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "book": book,
            "kind": kind,
            "period": period,
            "run_id": run_id,
            "started_at": started_at,
            "status": status,
            "workflow_id": workflow_id,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        book = d.pop("book")

        kind = d.pop("kind")

        period = d.pop("period")

        run_id = d.pop("run_id")

        def _parse_started_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                started_at_type_0 = datetime.datetime.fromisoformat(data)



                return started_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        started_at = _parse_started_at(d.pop("started_at"))


        status = d.pop("status")

        workflow_id = d.pop("workflow_id")

        report_run_out = cls(
            book=book,
            kind=kind,
            period=period,
            run_id=run_id,
            started_at=started_at,
            status=status,
            workflow_id=workflow_id,
        )


        report_run_out.additional_properties = d
        return report_run_out

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
