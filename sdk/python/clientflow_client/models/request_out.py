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
  from ..models.client_progress_out import ClientProgressOut
  from ..models.request_out_fields import RequestOutFields
  from ..models.request_out_type_names import RequestOutTypeNames





T = TypeVar("T", bound="RequestOut")



@_attrs_define
class RequestOut:
    """ 
        Attributes:
            advisor_id (None | str):
            channel (str):
            client_id (str):
            closed_at (datetime.datetime | None):
            created_by (str):
            csat_score (int | None):
            current_step (str):
            due_at (datetime.datetime | None):
            fields (RequestOutFields):
            first_response_at (datetime.datetime | None):
            id (UUID):
            opened_at (datetime.datetime | None):
            progress (ClientProgressOut):
            resolved_at (datetime.datetime | None):
            round_ (int):
            status (str): open | awaiting_client | resolved | rejected | closed
            subject (str):
            team_id (None | str):
            type_ (str):
            type_names (RequestOutTypeNames):
            type_version (int):
            workflow_id (str):
     """

    advisor_id: None | str
    channel: str
    client_id: str
    closed_at: datetime.datetime | None
    created_by: str
    csat_score: int | None
    current_step: str
    due_at: datetime.datetime | None
    fields: RequestOutFields
    first_response_at: datetime.datetime | None
    id: UUID
    opened_at: datetime.datetime | None
    progress: ClientProgressOut
    resolved_at: datetime.datetime | None
    round_: int
    status: str
    subject: str
    team_id: None | str
    type_: str
    type_names: RequestOutTypeNames
    type_version: int
    workflow_id: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.client_progress_out import ClientProgressOut # noqa: PLC0415
        from ..models.request_out_fields import RequestOutFields # noqa: PLC0415
        from ..models.request_out_type_names import RequestOutTypeNames # noqa: PLC0415
        advisor_id: None | str
        advisor_id = self.advisor_id

        channel = self.channel

        client_id = self.client_id

        closed_at: None | str
        if isinstance(self.closed_at, datetime.datetime):
            closed_at = self.closed_at.isoformat()
        else:
            closed_at = self.closed_at

        created_by = self.created_by

        csat_score: int | None
        csat_score = self.csat_score

        current_step = self.current_step

        due_at: None | str
        if isinstance(self.due_at, datetime.datetime):
            due_at = self.due_at.isoformat()
        else:
            due_at = self.due_at

        fields = self.fields.to_dict()

        first_response_at: None | str
        if isinstance(self.first_response_at, datetime.datetime):
            first_response_at = self.first_response_at.isoformat()
        else:
            first_response_at = self.first_response_at

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

        team_id: None | str
        team_id = self.team_id

        type_ = self.type_

        type_names = self.type_names.to_dict()

        type_version = self.type_version

        workflow_id = self.workflow_id


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "advisor_id": advisor_id,
            "channel": channel,
            "client_id": client_id,
            "closed_at": closed_at,
            "created_by": created_by,
            "csat_score": csat_score,
            "current_step": current_step,
            "due_at": due_at,
            "fields": fields,
            "first_response_at": first_response_at,
            "id": id,
            "opened_at": opened_at,
            "progress": progress,
            "resolved_at": resolved_at,
            "round": round_,
            "status": status,
            "subject": subject,
            "team_id": team_id,
            "type": type_,
            "type_names": type_names,
            "type_version": type_version,
            "workflow_id": workflow_id,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.client_progress_out import ClientProgressOut # noqa: PLC0415
        from ..models.request_out_fields import RequestOutFields # noqa: PLC0415
        from ..models.request_out_type_names import RequestOutTypeNames # noqa: PLC0415
        d = dict(src_dict)
        def _parse_advisor_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        advisor_id = _parse_advisor_id(d.pop("advisor_id"))


        channel = d.pop("channel")

        client_id = d.pop("client_id")

        def _parse_closed_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                closed_at_type_0 = datetime.datetime.fromisoformat(data)



                return closed_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        closed_at = _parse_closed_at(d.pop("closed_at"))


        created_by = d.pop("created_by")

        def _parse_csat_score(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        csat_score = _parse_csat_score(d.pop("csat_score"))


        current_step = d.pop("current_step")

        def _parse_due_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                due_at_type_0 = datetime.datetime.fromisoformat(data)



                return due_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        due_at = _parse_due_at(d.pop("due_at"))


        fields = RequestOutFields.from_dict(d.pop("fields"))




        def _parse_first_response_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                first_response_at_type_0 = datetime.datetime.fromisoformat(data)



                return first_response_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        first_response_at = _parse_first_response_at(d.pop("first_response_at"))


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

        def _parse_team_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        team_id = _parse_team_id(d.pop("team_id"))


        type_ = d.pop("type")

        type_names = RequestOutTypeNames.from_dict(d.pop("type_names"))




        type_version = d.pop("type_version")

        workflow_id = d.pop("workflow_id")

        request_out = cls(
            advisor_id=advisor_id,
            channel=channel,
            client_id=client_id,
            closed_at=closed_at,
            created_by=created_by,
            csat_score=csat_score,
            current_step=current_step,
            due_at=due_at,
            fields=fields,
            first_response_at=first_response_at,
            id=id,
            opened_at=opened_at,
            progress=progress,
            resolved_at=resolved_at,
            round_=round_,
            status=status,
            subject=subject,
            team_id=team_id,
            type_=type_,
            type_names=type_names,
            type_version=type_version,
            workflow_id=workflow_id,
        )


        request_out.additional_properties = d
        return request_out

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
