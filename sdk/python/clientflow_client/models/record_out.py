from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
from uuid import UUID
import datetime

if TYPE_CHECKING:
  from ..models.record_out_fields import RecordOutFields





T = TypeVar("T", bound="RecordOut")



@_attrs_define
class RecordOut:
    """ 
        Attributes:
            client_id (None | UUID):
            created_at (datetime.datetime | None):
            created_by (str):
            fields (RecordOutFields):
            id (UUID):
            status (str): active | archived
            title (str):
            type_ (str):
            updated_at (datetime.datetime | None):
            updated_by (str):
            version (int):
     """

    client_id: None | UUID
    created_at: datetime.datetime | None
    created_by: str
    fields: RecordOutFields
    id: UUID
    status: str
    title: str
    type_: str
    updated_at: datetime.datetime | None
    updated_by: str
    version: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.record_out_fields import RecordOutFields # noqa: PLC0415
        client_id: None | str
        if isinstance(self.client_id, UUID):
            client_id = str(self.client_id)
        else:
            client_id = self.client_id

        created_at: None | str
        if isinstance(self.created_at, datetime.datetime):
            created_at = self.created_at.isoformat()
        else:
            created_at = self.created_at

        created_by = self.created_by

        fields = self.fields.to_dict()

        id = str(self.id)

        status = self.status

        title = self.title

        type_ = self.type_

        updated_at: None | str
        if isinstance(self.updated_at, datetime.datetime):
            updated_at = self.updated_at.isoformat()
        else:
            updated_at = self.updated_at

        updated_by = self.updated_by

        version = self.version


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "client_id": client_id,
            "created_at": created_at,
            "created_by": created_by,
            "fields": fields,
            "id": id,
            "status": status,
            "title": title,
            "type": type_,
            "updated_at": updated_at,
            "updated_by": updated_by,
            "version": version,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.record_out_fields import RecordOutFields # noqa: PLC0415
        d = dict(src_dict)
        def _parse_client_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                client_id_type_0 = UUID(data)



                return client_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        client_id = _parse_client_id(d.pop("client_id"))


        def _parse_created_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                created_at_type_0 = datetime.datetime.fromisoformat(data)



                return created_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        created_at = _parse_created_at(d.pop("created_at"))


        created_by = d.pop("created_by")

        fields = RecordOutFields.from_dict(d.pop("fields"))




        id = UUID(d.pop("id"))




        status = d.pop("status")

        title = d.pop("title")

        type_ = d.pop("type")

        def _parse_updated_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                updated_at_type_0 = datetime.datetime.fromisoformat(data)



                return updated_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        updated_at = _parse_updated_at(d.pop("updated_at"))


        updated_by = d.pop("updated_by")

        version = d.pop("version")

        record_out = cls(
            client_id=client_id,
            created_at=created_at,
            created_by=created_by,
            fields=fields,
            id=id,
            status=status,
            title=title,
            type_=type_,
            updated_at=updated_at,
            updated_by=updated_by,
            version=version,
        )


        record_out.additional_properties = d
        return record_out

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
