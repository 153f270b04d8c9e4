from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.template_preview_in_locale import TemplatePreviewInLocale
from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.template_preview_in_variables_type_0 import TemplatePreviewInVariablesType0





T = TypeVar("T", bound="TemplatePreviewIn")



@_attrs_define
class TemplatePreviewIn:
    """ 
        Attributes:
            locale (TemplatePreviewInLocale | Unset):  Default: TemplatePreviewInLocale.ZH_CN.
            variables (None | TemplatePreviewInVariablesType0 | Unset): omit to use the sample variables
     """

    locale: TemplatePreviewInLocale | Unset = TemplatePreviewInLocale.ZH_CN
    variables: None | TemplatePreviewInVariablesType0 | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        from ..models.template_preview_in_variables_type_0 import TemplatePreviewInVariablesType0 # noqa: PLC0415
        locale: str | Unset = UNSET
        if not isinstance(self.locale, Unset):
            locale = self.locale.value


        variables: dict[str, Any] | None | Unset
        if isinstance(self.variables, Unset):
            variables = UNSET
        elif isinstance(self.variables, TemplatePreviewInVariablesType0):
            variables = self.variables.to_dict()
        else:
            variables = self.variables


        field_dict: dict[str, Any] = {}

        field_dict.update({
        })
        if locale is not UNSET:
            field_dict["locale"] = locale
        if variables is not UNSET:
            field_dict["variables"] = variables

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.template_preview_in_variables_type_0 import TemplatePreviewInVariablesType0 # noqa: PLC0415
        d = dict(src_dict)
        _locale = d.pop("locale", UNSET)
        locale: TemplatePreviewInLocale | Unset
        if isinstance(_locale,  Unset):
            locale = UNSET
        else:
            locale = TemplatePreviewInLocale(_locale)




        def _parse_variables(data: object) -> None | TemplatePreviewInVariablesType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                variables_type_0 = TemplatePreviewInVariablesType0.from_dict(data)



                return variables_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | TemplatePreviewInVariablesType0 | Unset, data)

        variables = _parse_variables(d.pop("variables", UNSET))


        template_preview_in = cls(
            locale=locale,
            variables=variables,
        )

        return template_preview_in

