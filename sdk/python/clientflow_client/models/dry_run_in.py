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
  from ..models.dry_run_in_answers import DryRunInAnswers
  from ..models.dry_run_in_document import DryRunInDocument





T = TypeVar("T", bound="DryRunIn")



@_attrs_define
class DryRunIn:
    """ 
        Attributes:
            client_id (UUID):
            document (DryRunInDocument):
            answers (DryRunInAnswers | Unset): node id -> the outcomes given on its visits (approvals: approve | reject)
     """

    client_id: UUID
    document: DryRunInDocument
    answers: DryRunInAnswers | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        from ..models.dry_run_in_answers import DryRunInAnswers # noqa: PLC0415
        from ..models.dry_run_in_document import DryRunInDocument # noqa: PLC0415
        client_id = str(self.client_id)

        document = self.document.to_dict()

        answers: dict[str, Any] | Unset = UNSET
        if not isinstance(self.answers, Unset):
            answers = self.answers.to_dict()


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "client_id": client_id,
            "document": document,
        })
        if answers is not UNSET:
            field_dict["answers"] = answers

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.dry_run_in_answers import DryRunInAnswers # noqa: PLC0415
        from ..models.dry_run_in_document import DryRunInDocument # noqa: PLC0415
        d = dict(src_dict)
        client_id = UUID(d.pop("client_id"))




        document = DryRunInDocument.from_dict(d.pop("document"))




        _answers = d.pop("answers", UNSET)
        answers: DryRunInAnswers | Unset
        if isinstance(_answers,  Unset):
            answers = UNSET
        else:
            answers = DryRunInAnswers.from_dict(_answers)




        dry_run_in = cls(
            client_id=client_id,
            document=document,
            answers=answers,
        )

        return dry_run_in

