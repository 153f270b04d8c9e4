from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
from uuid import UUID
import datetime






T = TypeVar("T", bound="AttachmentOut")



@_attrs_define
class AttachmentOut:
    """ 
        Attributes:
            artifact_id (UUID): Download: /v1/artifacts/{id}/content (staff), /v1/portal/reports/{id}/content
            author_kind (str): staff | client
            content_type (str):
            created_at (datetime.datetime | None):
            filename (str):
            id (UUID):
            size_bytes (int):
     """

    artifact_id: UUID
    author_kind: str
    content_type: str
    created_at: datetime.datetime | None
    filename: str
    id: UUID
    size_bytes: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        artifact_id = str(self.artifact_id)

        author_kind = self.author_kind

        content_type = self.content_type

        created_at: None | str
        if isinstance(self.created_at, datetime.datetime):
            created_at = self.created_at.isoformat()
        else:
            created_at = self.created_at

        filename = self.filename

        id = str(self.id)

        size_bytes = self.size_bytes


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "artifact_id": artifact_id,
            "author_kind": author_kind,
            "content_type": content_type,
            "created_at": created_at,
            "filename": filename,
            "id": id,
            "size_bytes": size_bytes,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        artifact_id = UUID(d.pop("artifact_id"))




        author_kind = d.pop("author_kind")

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


        filename = d.pop("filename")

        id = UUID(d.pop("id"))




        size_bytes = d.pop("size_bytes")

        attachment_out = cls(
            artifact_id=artifact_id,
            author_kind=author_kind,
            content_type=content_type,
            created_at=created_at,
            filename=filename,
            id=id,
            size_bytes=size_bytes,
        )


        attachment_out.additional_properties = d
        return attachment_out

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
