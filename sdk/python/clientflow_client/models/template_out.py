from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.template_content_in import TemplateContentIn
  from ..models.template_out_sample_variables import TemplateOutSampleVariables





T = TypeVar("T", bound="TemplateOut")



@_attrs_define
class TemplateOut:
    """ 
        Attributes:
            category (str):
            content (TemplateContentIn):
            created_at (datetime.datetime | None):
            created_by (str):
            key (str):
            locale (str):
            sample_variables (TemplateOutSampleVariables):
            version (int):
     """

    category: str
    content: TemplateContentIn
    created_at: datetime.datetime | None
    created_by: str
    key: str
    locale: str
    sample_variables: TemplateOutSampleVariables
    version: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.template_content_in import TemplateContentIn # noqa: PLC0415
        from ..models.template_out_sample_variables import TemplateOutSampleVariables # noqa: PLC0415
        category = self.category

        content = self.content.to_dict()

        created_at: None | str
        if isinstance(self.created_at, datetime.datetime):
            created_at = self.created_at.isoformat()
        else:
            created_at = self.created_at

        created_by = self.created_by

        key = self.key

        locale = self.locale

        sample_variables = self.sample_variables.to_dict()

        version = self.version


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "category": category,
            "content": content,
            "created_at": created_at,
            "created_by": created_by,
            "key": key,
            "locale": locale,
            "sample_variables": sample_variables,
            "version": version,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.template_content_in import TemplateContentIn # noqa: PLC0415
        from ..models.template_out_sample_variables import TemplateOutSampleVariables # noqa: PLC0415
        d = dict(src_dict)
        category = d.pop("category")

        content = TemplateContentIn.from_dict(d.pop("content"))




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

        key = d.pop("key")

        locale = d.pop("locale")

        sample_variables = TemplateOutSampleVariables.from_dict(d.pop("sample_variables"))




        version = d.pop("version")

        template_out = cls(
            category=category,
            content=content,
            created_at=created_at,
            created_by=created_by,
            key=key,
            locale=locale,
            sample_variables=sample_variables,
            version=version,
        )


        template_out.additional_properties = d
        return template_out

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
