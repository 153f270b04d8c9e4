from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.process_out_result_type_0 import ProcessOutResultType0





T = TypeVar("T", bound="ProcessOut")



@_attrs_define
class ProcessOut:
    """ 
        Attributes:
            client_id (str):
            closed_at (datetime.datetime | None):
            kind (str):
            result (None | ProcessOutResultType0):
            run_id (str):
            started_at (datetime.datetime | None):
            status (str):
            workflow_id (str):
     """

    client_id: str
    closed_at: datetime.datetime | None
    kind: str
    result: None | ProcessOutResultType0
    run_id: str
    started_at: datetime.datetime | None
    status: str
    workflow_id: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.process_out_result_type_0 import ProcessOutResultType0 # noqa: PLC0415
        client_id = self.client_id

        closed_at: None | str
        if isinstance(self.closed_at, datetime.datetime):
            closed_at = self.closed_at.isoformat()
        else:
            closed_at = self.closed_at

        kind = self.kind

        result: dict[str, Any] | None
        if isinstance(self.result, ProcessOutResultType0):
            result = self.result.to_dict()
        else:
            result = self.result

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
            "client_id": client_id,
            "closed_at": closed_at,
            "kind": kind,
            "result": result,
            "run_id": run_id,
            "started_at": started_at,
            "status": status,
            "workflow_id": workflow_id,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.process_out_result_type_0 import ProcessOutResultType0 # noqa: PLC0415
        d = dict(src_dict)
        client_id = d.pop("client_id")

        def _parse_closed_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                closed_at_type_0 = datetime.datetime.fromisoformat(data)



                return closed_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        closed_at = _parse_closed_at(d.pop("closed_at"))


        kind = d.pop("kind")

        def _parse_result(data: object) -> None | ProcessOutResultType0:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                result_type_0 = ProcessOutResultType0.from_dict(data)



                return result_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ProcessOutResultType0, data)

        result = _parse_result(d.pop("result"))


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

        process_out = cls(
            client_id=client_id,
            closed_at=closed_at,
            kind=kind,
            result=result,
            run_id=run_id,
            started_at=started_at,
            status=status,
            workflow_id=workflow_id,
        )


        process_out.additional_properties = d
        return process_out

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
