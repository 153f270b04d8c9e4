from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.complete_in_form import CompleteInForm





T = TypeVar("T", bound="CompleteIn")



@_attrs_define
class CompleteIn:
    """ 
        Attributes:
            outcome (str):
            comment (str | Unset):  Default: ''.
            form (CompleteInForm | Unset):
     """

    outcome: str
    comment: str | Unset = ''
    form: CompleteInForm | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        from ..models.complete_in_form import CompleteInForm # noqa: PLC0415
        outcome = self.outcome

        comment = self.comment

        form: dict[str, Any] | Unset = UNSET
        if not isinstance(self.form, Unset):
            form = self.form.to_dict()


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "outcome": outcome,
        })
        if comment is not UNSET:
            field_dict["comment"] = comment
        if form is not UNSET:
            field_dict["form"] = form

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.complete_in_form import CompleteInForm # noqa: PLC0415
        d = dict(src_dict)
        outcome = d.pop("outcome")

        comment = d.pop("comment", UNSET)

        _form = d.pop("form", UNSET)
        form: CompleteInForm | Unset
        if isinstance(_form,  Unset):
            form = UNSET
        else:
            form = CompleteInForm.from_dict(_form)




        complete_in = cls(
            outcome=outcome,
            comment=comment,
            form=form,
        )

        return complete_in

