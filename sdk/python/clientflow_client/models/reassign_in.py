from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset







T = TypeVar("T", bound="ReassignIn")



@_attrs_define
class ReassignIn:
    """ 
        Attributes:
            assignee_user (str):
     """

    assignee_user: str





    def to_dict(self) -> dict[str, Any]:
        assignee_user = self.assignee_user


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "assignee_user": assignee_user,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        assignee_user = d.pop("assignee_user")

        reassign_in = cls(
            assignee_user=assignee_user,
        )

        return reassign_in

