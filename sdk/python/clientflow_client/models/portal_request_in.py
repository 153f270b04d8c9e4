from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast
from uuid import UUID

if TYPE_CHECKING:
  from ..models.portal_request_in_fields import PortalRequestInFields





T = TypeVar("T", bound="PortalRequestIn")



@_attrs_define
class PortalRequestIn:
    """ 
        Attributes:
            type_ (str):
            fields (PortalRequestInFields | Unset):
            request_id (None | Unset | UUID):
            subject (str | Unset):  Default: ''.
     """

    type_: str
    fields: PortalRequestInFields | Unset = UNSET
    request_id: None | Unset | UUID = UNSET
    subject: str | Unset = ''





    def to_dict(self) -> dict[str, Any]:
        from ..models.portal_request_in_fields import PortalRequestInFields # noqa: PLC0415
        type_ = self.type_

        fields: dict[str, Any] | Unset = UNSET
        if not isinstance(self.fields, Unset):
            fields = self.fields.to_dict()

        request_id: None | str | Unset
        if isinstance(self.request_id, Unset):
            request_id = UNSET
        elif isinstance(self.request_id, UUID):
            request_id = str(self.request_id)
        else:
            request_id = self.request_id

        subject = self.subject


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "type": type_,
        })
        if fields is not UNSET:
            field_dict["fields"] = fields
        if request_id is not UNSET:
            field_dict["request_id"] = request_id
        if subject is not UNSET:
            field_dict["subject"] = subject

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.portal_request_in_fields import PortalRequestInFields # noqa: PLC0415
        d = dict(src_dict)
        type_ = d.pop("type")

        _fields = d.pop("fields", UNSET)
        fields: PortalRequestInFields | Unset
        if isinstance(_fields,  Unset):
            fields = UNSET
        else:
            fields = PortalRequestInFields.from_dict(_fields)




        def _parse_request_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                request_id_type_0 = UUID(data)



                return request_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        request_id = _parse_request_id(d.pop("request_id", UNSET))


        subject = d.pop("subject", UNSET)

        portal_request_in = cls(
            type_=type_,
            fields=fields,
            request_id=request_id,
            subject=subject,
        )

        return portal_request_in

