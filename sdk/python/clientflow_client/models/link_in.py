from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.link_in_kind import LinkInKind
from uuid import UUID






T = TypeVar("T", bound="LinkIn")



@_attrs_define
class LinkIn:
    """ 
        Attributes:
            kind (LinkInKind):
            related_client_id (UUID):
     """

    kind: LinkInKind
    related_client_id: UUID





    def to_dict(self) -> dict[str, Any]:
        kind = self.kind.value

        related_client_id = str(self.related_client_id)


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "kind": kind,
            "related_client_id": related_client_id,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        kind = LinkInKind(d.pop("kind"))




        related_client_id = UUID(d.pop("related_client_id"))




        link_in = cls(
            kind=kind,
            related_client_id=related_client_id,
        )

        return link_in

