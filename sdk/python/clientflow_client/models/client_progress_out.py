from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.client_step_out import ClientStepOut





T = TypeVar("T", bound="ClientProgressOut")



@_attrs_define
class ClientProgressOut:
    """ 
        Attributes:
            expected_by (str | Unset):  Default: ''.
            status (str | Unset):  Default: ''.
            steps (list[ClientStepOut] | Unset):
     """

    expected_by: str | Unset = ''
    status: str | Unset = ''
    steps: list[ClientStepOut] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.client_step_out import ClientStepOut # noqa: PLC0415
        expected_by = self.expected_by

        status = self.status

        steps: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.steps, Unset):
            steps = []
            for steps_item_data in self.steps:
                steps_item = steps_item_data.to_dict()
                steps.append(steps_item)




        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
        })
        if expected_by is not UNSET:
            field_dict["expected_by"] = expected_by
        if status is not UNSET:
            field_dict["status"] = status
        if steps is not UNSET:
            field_dict["steps"] = steps

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.client_step_out import ClientStepOut # noqa: PLC0415
        d = dict(src_dict)
        expected_by = d.pop("expected_by", UNSET)

        status = d.pop("status", UNSET)

        _steps = d.pop("steps", UNSET)
        steps: list[ClientStepOut] | Unset = UNSET
        if _steps is not UNSET:
            steps = []
            for steps_item_data in _steps:
                steps_item = ClientStepOut.from_dict(steps_item_data)



                steps.append(steps_item)


        client_progress_out = cls(
            expected_by=expected_by,
            status=status,
            steps=steps,
        )


        client_progress_out.additional_properties = d
        return client_progress_out

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
