from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.record_type_in_document import RecordTypeInDocument





T = TypeVar("T", bound="RecordTypeIn")



@_attrs_define
class RecordTypeIn:
    """ 
        Attributes:
            document (RecordTypeInDocument): the type: key, name, client, fields, …
            expected_version (int | Unset): the version you read (0: a new type) Default: 0.
     """

    document: RecordTypeInDocument
    expected_version: int | Unset = 0





    def to_dict(self) -> dict[str, Any]:
        from ..models.record_type_in_document import RecordTypeInDocument # noqa: PLC0415
        document = self.document.to_dict()

        expected_version = self.expected_version


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "document": document,
        })
        if expected_version is not UNSET:
            field_dict["expected_version"] = expected_version

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.record_type_in_document import RecordTypeInDocument # noqa: PLC0415
        d = dict(src_dict)
        document = RecordTypeInDocument.from_dict(d.pop("document"))




        expected_version = d.pop("expected_version", UNSET)

        record_type_in = cls(
            document=document,
            expected_version=expected_version,
        )

        return record_type_in

