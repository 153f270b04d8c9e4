from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset






T = TypeVar("T", bound="TemplateContentIn")



@_attrs_define
class TemplateContentIn:
    """ 
        Attributes:
            body_text (str):
            subject (str):
            body_html (str | Unset):  Default: ''.
     """

    body_text: str
    subject: str
    body_html: str | Unset = ''





    def to_dict(self) -> dict[str, Any]:
        body_text = self.body_text

        subject = self.subject

        body_html = self.body_html


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "body_text": body_text,
            "subject": subject,
        })
        if body_html is not UNSET:
            field_dict["body_html"] = body_html

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        body_text = d.pop("body_text")

        subject = d.pop("subject")

        body_html = d.pop("body_html", UNSET)

        template_content_in = cls(
            body_text=body_text,
            subject=subject,
            body_html=body_html,
        )

        return template_content_in

