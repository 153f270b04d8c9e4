from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime






T = TypeVar("T", bound="ArtifactOut")



@_attrs_define
class ArtifactOut:
    """ 
        Attributes:
            client_id (str):
            content_type (str):
            created_at (datetime.datetime | None):
            id (str):
            kind (str):
            period (str):
            sha256 (str):
            size_bytes (int):
            workflow_id (str):
     """

    client_id: str
    content_type: str
    created_at: datetime.datetime | None
    id: str
    kind: str
    period: str
    sha256: str
    size_bytes: int
    workflow_id: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        client_id = self.client_id

        content_type = self.content_type

        created_at: None | str
        if isinstance(self.created_at, datetime.datetime):
            created_at = self.created_at.isoformat()
        else:
            created_at = self.created_at

        id = self.id

        kind = self.kind

        period = self.period

        sha256 = self.sha256

        size_bytes = self.size_bytes

        workflow_id = self.workflow_id


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "client_id": client_id,
            "content_type": content_type,
            "created_at": created_at,
            "id": id,
            "kind": kind,
            "period": period,
            "sha256": sha256,
            "size_bytes": size_bytes,
            "workflow_id": workflow_id,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        client_id = d.pop("client_id")

        content_type = d.pop("content_type")

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


        id = d.pop("id")

        kind = d.pop("kind")

        period = d.pop("period")

        sha256 = d.pop("sha256")

        size_bytes = d.pop("size_bytes")

        workflow_id = d.pop("workflow_id")

        artifact_out = cls(
            client_id=client_id,
            content_type=content_type,
            created_at=created_at,
            id=id,
            kind=kind,
            period=period,
            sha256=sha256,
            size_bytes=size_bytes,
            workflow_id=workflow_id,
        )


        artifact_out.additional_properties = d
        return artifact_out

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
