from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.definition_out_document import DefinitionOutDocument
  from ..models.definition_out_name import DefinitionOutName





T = TypeVar("T", bound="DefinitionOut")



@_attrs_define
class DefinitionOut:
    """ 
        Attributes:
            created_at (datetime.datetime | None):
            created_by (str):
            document (DefinitionOutDocument):
            key (str):
            name (DefinitionOutName):
            published_at (datetime.datetime | None):
            published_by (str):
            published_version (int):
            version (int):
            versions (list[int]):
     """

    created_at: datetime.datetime | None
    created_by: str
    document: DefinitionOutDocument
    key: str
    name: DefinitionOutName
    published_at: datetime.datetime | None
    published_by: str
    published_version: int
    version: int
    versions: list[int]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.definition_out_document import DefinitionOutDocument # noqa: PLC0415
        from ..models.definition_out_name import DefinitionOutName # noqa: PLC0415
        created_at: None | str
        if isinstance(self.created_at, datetime.datetime):
            created_at = self.created_at.isoformat()
        else:
            created_at = self.created_at

        created_by = self.created_by

        document = self.document.to_dict()

        key = self.key

        name = self.name.to_dict()

        published_at: None | str
        if isinstance(self.published_at, datetime.datetime):
            published_at = self.published_at.isoformat()
        else:
            published_at = self.published_at

        published_by = self.published_by

        published_version = self.published_version

        version = self.version

        versions = self.versions




        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "created_at": created_at,
            "created_by": created_by,
            "document": document,
            "key": key,
            "name": name,
            "published_at": published_at,
            "published_by": published_by,
            "published_version": published_version,
            "version": version,
            "versions": versions,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.definition_out_document import DefinitionOutDocument # noqa: PLC0415
        from ..models.definition_out_name import DefinitionOutName # noqa: PLC0415
        d = dict(src_dict)
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


        created_by = d.pop("created_by")

        document = DefinitionOutDocument.from_dict(d.pop("document"))




        key = d.pop("key")

        name = DefinitionOutName.from_dict(d.pop("name"))




        def _parse_published_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                published_at_type_0 = datetime.datetime.fromisoformat(data)



                return published_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        published_at = _parse_published_at(d.pop("published_at"))


        published_by = d.pop("published_by")

        published_version = d.pop("published_version")

        version = d.pop("version")

        versions = cast(list[int], d.pop("versions"))


        definition_out = cls(
            created_at=created_at,
            created_by=created_by,
            document=document,
            key=key,
            name=name,
            published_at=published_at,
            published_by=published_by,
            published_version=published_version,
            version=version,
            versions=versions,
        )


        definition_out.additional_properties = d
        return definition_out

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
