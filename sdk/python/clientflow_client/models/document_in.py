from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.document_in_document import DocumentInDocument





T = TypeVar("T", bound="DocumentIn")



@_attrs_define
class DocumentIn:
    """ 
        Attributes:
            document (DocumentInDocument):
     """

    document: DocumentInDocument





    def to_dict(self) -> dict[str, Any]:
        from ..models.document_in_document import DocumentInDocument # noqa: PLC0415
        document = self.document.to_dict()


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "document": document,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.document_in_document import DocumentInDocument # noqa: PLC0415
        d = dict(src_dict)
        document = DocumentInDocument.from_dict(d.pop("document"))




        document_in = cls(
            document=document,
        )

        return document_in

