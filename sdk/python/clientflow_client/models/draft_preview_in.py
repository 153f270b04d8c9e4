from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.draft_preview_in_locale import DraftPreviewInLocale
from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.draft_preview_in_variables import DraftPreviewInVariables
  from ..models.template_content_in import TemplateContentIn





T = TypeVar("T", bound="DraftPreviewIn")



@_attrs_define
class DraftPreviewIn:
    """ 
        Attributes:
            content (TemplateContentIn):
            locale (DraftPreviewInLocale | Unset):  Default: DraftPreviewInLocale.ZH_CN.
            variables (DraftPreviewInVariables | Unset):
     """

    content: TemplateContentIn
    locale: DraftPreviewInLocale | Unset = DraftPreviewInLocale.ZH_CN
    variables: DraftPreviewInVariables | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        from ..models.draft_preview_in_variables import DraftPreviewInVariables # noqa: PLC0415
        from ..models.template_content_in import TemplateContentIn # noqa: PLC0415
        content = self.content.to_dict()

        locale: str | Unset = UNSET
        if not isinstance(self.locale, Unset):
            locale = self.locale.value


        variables: dict[str, Any] | Unset = UNSET
        if not isinstance(self.variables, Unset):
            variables = self.variables.to_dict()


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "content": content,
        })
        if locale is not UNSET:
            field_dict["locale"] = locale
        if variables is not UNSET:
            field_dict["variables"] = variables

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.draft_preview_in_variables import DraftPreviewInVariables # noqa: PLC0415
        from ..models.template_content_in import TemplateContentIn # noqa: PLC0415
        d = dict(src_dict)
        content = TemplateContentIn.from_dict(d.pop("content"))




        _locale = d.pop("locale", UNSET)
        locale: DraftPreviewInLocale | Unset
        if isinstance(_locale,  Unset):
            locale = UNSET
        else:
            locale = DraftPreviewInLocale(_locale)




        _variables = d.pop("variables", UNSET)
        variables: DraftPreviewInVariables | Unset
        if isinstance(_variables,  Unset):
            variables = UNSET
        else:
            variables = DraftPreviewInVariables.from_dict(_variables)




        draft_preview_in = cls(
            content=content,
            locale=locale,
            variables=variables,
        )

        return draft_preview_in

