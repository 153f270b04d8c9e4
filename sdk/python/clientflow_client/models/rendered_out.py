from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset







T = TypeVar("T", bound="RenderedOut")



@_attrs_define
class RenderedOut:
    """ 
        Attributes:
            body_html (str):
            body_text (str):
            key (str):
            locale (str):
            subject (str):
            version (int):
     """

    body_html: str
    body_text: str
    key: str
    locale: str
    subject: str
    version: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        body_html = self.body_html

        body_text = self.body_text

        key = self.key

        locale = self.locale

        subject = self.subject

        version = self.version


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "body_html": body_html,
            "body_text": body_text,
            "key": key,
            "locale": locale,
            "subject": subject,
            "version": version,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        body_html = d.pop("body_html")

        body_text = d.pop("body_text")

        key = d.pop("key")

        locale = d.pop("locale")

        subject = d.pop("subject")

        version = d.pop("version")

        rendered_out = cls(
            body_html=body_html,
            body_text=body_text,
            key=key,
            locale=locale,
            subject=subject,
            version=version,
        )


        rendered_out.additional_properties = d
        return rendered_out

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
