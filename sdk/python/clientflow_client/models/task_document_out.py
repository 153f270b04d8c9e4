from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from uuid import UUID






T = TypeVar("T", bound="TaskDocumentOut")



@_attrs_define
class TaskDocumentOut:
    """ 
        Attributes:
            artifact_id (UUID): What the form's `file` field takes
            content_type (str):
            filename (str):
            size_bytes (int):
     """

    artifact_id: UUID
    content_type: str
    filename: str
    size_bytes: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        artifact_id = str(self.artifact_id)

        content_type = self.content_type

        filename = self.filename

        size_bytes = self.size_bytes


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "artifact_id": artifact_id,
            "content_type": content_type,
            "filename": filename,
            "size_bytes": size_bytes,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        artifact_id = UUID(d.pop("artifact_id"))




        content_type = d.pop("content_type")

        filename = d.pop("filename")

        size_bytes = d.pop("size_bytes")

        task_document_out = cls(
            artifact_id=artifact_id,
            content_type=content_type,
            filename=filename,
            size_bytes=size_bytes,
        )


        task_document_out.additional_properties = d
        return task_document_out

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
