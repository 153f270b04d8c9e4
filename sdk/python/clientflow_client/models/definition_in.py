from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.definition_in_document import DefinitionInDocument





T = TypeVar("T", bound="DefinitionIn")



@_attrs_define
class DefinitionIn:
    """ 
        Attributes:
            document (DefinitionInDocument): the definition (GET /v1/process-definitions/schema)
            expected_version (int | Unset): the latest version you saw; 0 = new Default: 0.
     """

    document: DefinitionInDocument
    expected_version: int | Unset = 0





    def to_dict(self) -> dict[str, Any]:
        from ..models.definition_in_document import DefinitionInDocument # noqa: PLC0415
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
        from ..models.definition_in_document import DefinitionInDocument # noqa: PLC0415
        d = dict(src_dict)
        document = DefinitionInDocument.from_dict(d.pop("document"))




        expected_version = d.pop("expected_version", UNSET)

        definition_in = cls(
            document=document,
            expected_version=expected_version,
        )

        return definition_in

