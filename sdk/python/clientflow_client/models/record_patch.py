from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.record_patch_fields import RecordPatchFields





T = TypeVar("T", bound="RecordPatch")



@_attrs_define
class RecordPatch:
    """ 
        Attributes:
            fields (RecordPatchFields): the fields to change; null removes one
     """

    fields: RecordPatchFields





    def to_dict(self) -> dict[str, Any]:
        from ..models.record_patch_fields import RecordPatchFields # noqa: PLC0415
        fields = self.fields.to_dict()


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "fields": fields,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.record_patch_fields import RecordPatchFields # noqa: PLC0415
        d = dict(src_dict)
        fields = RecordPatchFields.from_dict(d.pop("fields"))




        record_patch = cls(
            fields=fields,
        )

        return record_patch

