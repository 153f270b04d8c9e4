from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast
from uuid import UUID
import datetime

if TYPE_CHECKING:
  from ..models.client_progress_out import ClientProgressOut
  from ..models.portal_request_out_fields import PortalRequestOutFields
  from ..models.portal_request_out_type_names import PortalRequestOutTypeNames





T = TypeVar("T", bound="PortalRequestOut")



@_attrs_define
class PortalRequestOut:
    """ A request as its client sees it: no staff, no internal steps, no notes.

        Attributes:
            expected_by (str):
            fields (PortalRequestOutFields):
            id (UUID):
            opened_at (datetime.datetime | None):
            progress (ClientProgressOut):
            resolved_at (datetime.datetime | None):
            round_ (int):
            status (str):
            subject (str):
            type_ (str):
            type_names (PortalRequestOutTypeNames):
            awaiting_confirmation (bool | Unset):  Default: False.
            document_id (str | Unset): A document request's answer: /v1/portal/reports/{id}/content Default: ''.
            rated (bool | Unset):  Default: False.
            rating_open (bool | Unset):  Default: False.
            reopen_until (str | Unset):  Default: ''.
     """

    expected_by: str
    fields: PortalRequestOutFields
    id: UUID
    opened_at: datetime.datetime | None
    progress: ClientProgressOut
    resolved_at: datetime.datetime | None
    round_: int
    status: str
    subject: str
    type_: str
    type_names: PortalRequestOutTypeNames
    awaiting_confirmation: bool | Unset = False
    document_id: str | Unset = ''
    rated: bool | Unset = False
    rating_open: bool | Unset = False
    reopen_until: str | Unset = ''
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.client_progress_out import ClientProgressOut # noqa: PLC0415
        from ..models.portal_request_out_fields import PortalRequestOutFields # noqa: PLC0415
        from ..models.portal_request_out_type_names import PortalRequestOutTypeNames # noqa: PLC0415
        expected_by = self.expected_by

        fields = self.fields.to_dict()

        id = str(self.id)

        opened_at: None | str
        if isinstance(self.opened_at, datetime.datetime):
            opened_at = self.opened_at.isoformat()
        else:
            opened_at = self.opened_at

        progress = self.progress.to_dict()

        resolved_at: None | str
        if isinstance(self.resolved_at, datetime.datetime):
            resolved_at = self.resolved_at.isoformat()
        else:
            resolved_at = self.resolved_at

        round_ = self.round_

        status = self.status

        subject = self.subject

        type_ = self.type_

        type_names = self.type_names.to_dict()

        awaiting_confirmation = self.awaiting_confirmation

        document_id = self.document_id

        rated = self.rated

        rating_open = self.rating_open

        reopen_until = self.reopen_until


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "expected_by": expected_by,
            "fields": fields,
            "id": id,
            "opened_at": opened_at,
            "progress": progress,
            "resolved_at": resolved_at,
            "round": round_,
            "status": status,
            "subject": subject,
            "type": type_,
            "type_names": type_names,
        })
        if awaiting_confirmation is not UNSET:
            field_dict["awaiting_confirmation"] = awaiting_confirmation
        if document_id is not UNSET:
            field_dict["document_id"] = document_id
        if rated is not UNSET:
            field_dict["rated"] = rated
        if rating_open is not UNSET:
            field_dict["rating_open"] = rating_open
        if reopen_until is not UNSET:
            field_dict["reopen_until"] = reopen_until

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.client_progress_out import ClientProgressOut # noqa: PLC0415
        from ..models.portal_request_out_fields import PortalRequestOutFields # noqa: PLC0415
        from ..models.portal_request_out_type_names import PortalRequestOutTypeNames # noqa: PLC0415
        d = dict(src_dict)
        expected_by = d.pop("expected_by")

        fields = PortalRequestOutFields.from_dict(d.pop("fields"))




        id = UUID(d.pop("id"))




        def _parse_opened_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                opened_at_type_0 = datetime.datetime.fromisoformat(data)



                return opened_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        opened_at = _parse_opened_at(d.pop("opened_at"))


        progress = ClientProgressOut.from_dict(d.pop("progress"))




        def _parse_resolved_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                resolved_at_type_0 = datetime.datetime.fromisoformat(data)



                return resolved_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        resolved_at = _parse_resolved_at(d.pop("resolved_at"))


        round_ = d.pop("round")

        status = d.pop("status")

        subject = d.pop("subject")

        type_ = d.pop("type")

        type_names = PortalRequestOutTypeNames.from_dict(d.pop("type_names"))




        awaiting_confirmation = d.pop("awaiting_confirmation", UNSET)

        document_id = d.pop("document_id", UNSET)

        rated = d.pop("rated", UNSET)

        rating_open = d.pop("rating_open", UNSET)

        reopen_until = d.pop("reopen_until", UNSET)

        portal_request_out = cls(
            expected_by=expected_by,
            fields=fields,
            id=id,
            opened_at=opened_at,
            progress=progress,
            resolved_at=resolved_at,
            round_=round_,
            status=status,
            subject=subject,
            type_=type_,
            type_names=type_names,
            awaiting_confirmation=awaiting_confirmation,
            document_id=document_id,
            rated=rated,
            rating_open=rating_open,
            reopen_until=reopen_until,
        )


        portal_request_out.additional_properties = d
        return portal_request_out

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
