from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.template_in_category import TemplateInCategory
from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.template_content_in import TemplateContentIn
  from ..models.template_in_sample_variables import TemplateInSampleVariables





T = TypeVar("T", bound="TemplateIn")



@_attrs_define
class TemplateIn:
    """ 
        Attributes:
            content (TemplateContentIn):
            category (TemplateInCategory | Unset):  Default: TemplateInCategory.SERVICE.
            sample_variables (TemplateInSampleVariables | Unset):
     """

    content: TemplateContentIn
    category: TemplateInCategory | Unset = TemplateInCategory.SERVICE
    sample_variables: TemplateInSampleVariables | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        from ..models.template_content_in import TemplateContentIn # noqa: PLC0415
        from ..models.template_in_sample_variables import TemplateInSampleVariables # noqa: PLC0415
        content = self.content.to_dict()

        category: str | Unset = UNSET
        if not isinstance(self.category, Unset):
            category = self.category.value


        sample_variables: dict[str, Any] | Unset = UNSET
        if not isinstance(self.sample_variables, Unset):
            sample_variables = self.sample_variables.to_dict()


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "content": content,
        })
        if category is not UNSET:
            field_dict["category"] = category
        if sample_variables is not UNSET:
            field_dict["sample_variables"] = sample_variables

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.template_content_in import TemplateContentIn # noqa: PLC0415
        from ..models.template_in_sample_variables import TemplateInSampleVariables # noqa: PLC0415
        d = dict(src_dict)
        content = TemplateContentIn.from_dict(d.pop("content"))




        _category = d.pop("category", UNSET)
        category: TemplateInCategory | Unset
        if isinstance(_category,  Unset):
            category = UNSET
        else:
            category = TemplateInCategory(_category)




        _sample_variables = d.pop("sample_variables", UNSET)
        sample_variables: TemplateInSampleVariables | Unset
        if isinstance(_sample_variables,  Unset):
            sample_variables = UNSET
        else:
            sample_variables = TemplateInSampleVariables.from_dict(_sample_variables)




        template_in = cls(
            content=content,
            category=category,
            sample_variables=sample_variables,
        )

        return template_in

