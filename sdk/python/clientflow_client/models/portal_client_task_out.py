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
  from ..models.form_field_out import FormFieldOut
  from ..models.portal_client_task_out_title import PortalClientTaskOutTitle





T = TypeVar("T", bound="PortalClientTaskOut")



@_attrs_define
class PortalClientTaskOut:
    """ A task a process asks of the client: its words, when it is due, what it takes.

        Attributes:
            due_at (datetime.datetime | None):
            form_fields (list[FormFieldOut]): What `complete` accepts as `form`; a `file` field takes the id of a document
                uploaded to POST /v1/portal/tasks/{id}/documents
            id (UUID):
            outcomes (list[str]): What `complete` accepts as `outcome`
            status (str):
            title (PortalClientTaskOutTitle): the client wording, per locale
            workflow_id (str):
     """

    due_at: datetime.datetime | None
    form_fields: list[FormFieldOut]
    id: UUID
    outcomes: list[str]
    status: str
    title: PortalClientTaskOutTitle
    workflow_id: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.form_field_out import FormFieldOut # noqa: PLC0415
        from ..models.portal_client_task_out_title import PortalClientTaskOutTitle # noqa: PLC0415
        due_at: None | str
        if isinstance(self.due_at, datetime.datetime):
            due_at = self.due_at.isoformat()
        else:
            due_at = self.due_at

        form_fields = []
        for form_fields_item_data in self.form_fields:
            form_fields_item = form_fields_item_data.to_dict()
            form_fields.append(form_fields_item)



        id = str(self.id)

        outcomes = self.outcomes



        status = self.status

        title = self.title.to_dict()

        workflow_id = self.workflow_id


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "due_at": due_at,
            "form_fields": form_fields,
            "id": id,
            "outcomes": outcomes,
            "status": status,
            "title": title,
            "workflow_id": workflow_id,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.form_field_out import FormFieldOut # noqa: PLC0415
        from ..models.portal_client_task_out_title import PortalClientTaskOutTitle # noqa: PLC0415
        d = dict(src_dict)
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


        form_fields = []
        _form_fields = d.pop("form_fields")
        for form_fields_item_data in (_form_fields):
            form_fields_item = FormFieldOut.from_dict(form_fields_item_data)



            form_fields.append(form_fields_item)


        id = UUID(d.pop("id"))




        outcomes = cast(list[str], d.pop("outcomes"))


        status = d.pop("status")

        title = PortalClientTaskOutTitle.from_dict(d.pop("title"))




        workflow_id = d.pop("workflow_id")

        portal_client_task_out = cls(
            due_at=due_at,
            form_fields=form_fields,
            id=id,
            outcomes=outcomes,
            status=status,
            title=title,
            workflow_id=workflow_id,
        )


        portal_client_task_out.additional_properties = d
        return portal_client_task_out

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
