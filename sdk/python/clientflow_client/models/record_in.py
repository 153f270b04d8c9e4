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
  from ..models.record_in_fields import RecordInFields





T = TypeVar("T", bound="RecordIn")



@_attrs_define
class RecordIn:
    """ 
        Attributes:
            client_id (None | Unset | UUID): the client (types with clients)
            fields (RecordInFields | Unset):
     """

    client_id: None | Unset | UUID = UNSET
    fields: RecordInFields | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        from ..models.record_in_fields import RecordInFields # noqa: PLC0415
        client_id: None | str | Unset
        if isinstance(self.client_id, Unset):
            client_id = UNSET
        elif isinstance(self.client_id, UUID):
            client_id = str(self.client_id)
        else:
            client_id = self.client_id

        fields: dict[str, Any] | Unset = UNSET
        if not isinstance(self.fields, Unset):
            fields = self.fields.to_dict()


        field_dict: dict[str, Any] = {}

        field_dict.update({
        })
        if client_id is not UNSET:
            field_dict["client_id"] = client_id
        if fields is not UNSET:
            field_dict["fields"] = fields

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.record_in_fields import RecordInFields # noqa: PLC0415
        d = dict(src_dict)
        def _parse_client_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                client_id_type_0 = UUID(data)



                return client_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        client_id = _parse_client_id(d.pop("client_id", UNSET))


        _fields = d.pop("fields", UNSET)
        fields: RecordInFields | Unset
        if isinstance(_fields,  Unset):
            fields = UNSET
        else:
            fields = RecordInFields.from_dict(_fields)




        record_in = cls(
            client_id=client_id,
            fields=fields,
        )

        return record_in

