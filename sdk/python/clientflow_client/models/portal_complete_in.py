from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.portal_complete_in_form import PortalCompleteInForm





T = TypeVar("T", bound="PortalCompleteIn")



@_attrs_define
class PortalCompleteIn:
    """ 
        Attributes:
            form (PortalCompleteInForm | Unset):
            outcome (str | Unset): one of the task's; the first if empty Default: ''.
     """

    form: PortalCompleteInForm | Unset = UNSET
    outcome: str | Unset = ''





    def to_dict(self) -> dict[str, Any]:
        from ..models.portal_complete_in_form import PortalCompleteInForm # noqa: PLC0415
        form: dict[str, Any] | Unset = UNSET
        if not isinstance(self.form, Unset):
            form = self.form.to_dict()

        outcome = self.outcome


        field_dict: dict[str, Any] = {}

        field_dict.update({
        })
        if form is not UNSET:
            field_dict["form"] = form
        if outcome is not UNSET:
            field_dict["outcome"] = outcome

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.portal_complete_in_form import PortalCompleteInForm # noqa: PLC0415
        d = dict(src_dict)
        _form = d.pop("form", UNSET)
        form: PortalCompleteInForm | Unset
        if isinstance(_form,  Unset):
            form = UNSET
        else:
            form = PortalCompleteInForm.from_dict(_form)




        outcome = d.pop("outcome", UNSET)

        portal_complete_in = cls(
            form=form,
            outcome=outcome,
        )

        return portal_complete_in

