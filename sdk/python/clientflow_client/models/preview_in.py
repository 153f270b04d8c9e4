from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.preview_in_sample_payload import PreviewInSamplePayload
  from ..models.rule_in import RuleIn





T = TypeVar("T", bound="PreviewIn")



@_attrs_define
class PreviewIn:
    """ 
        Attributes:
            rule (RuleIn):
            horizon_days (int | Unset): date rules: look this far ahead Default: 30.
            page_size (int | Unset):  Default: 20.
            recent_events (int | Unset): evaluate over the last N events of the rule's type instead of the book Default: 0.
            sample_payload (PreviewInSamplePayload | Unset):
            scan_limit (int | Unset):  Default: 20000.
     """

    rule: RuleIn
    horizon_days: int | Unset = 30
    page_size: int | Unset = 20
    recent_events: int | Unset = 0
    sample_payload: PreviewInSamplePayload | Unset = UNSET
    scan_limit: int | Unset = 20000





    def to_dict(self) -> dict[str, Any]:
        from ..models.preview_in_sample_payload import PreviewInSamplePayload # noqa: PLC0415
        from ..models.rule_in import RuleIn # noqa: PLC0415
        rule = self.rule.to_dict()

        horizon_days = self.horizon_days

        page_size = self.page_size

        recent_events = self.recent_events

        sample_payload: dict[str, Any] | Unset = UNSET
        if not isinstance(self.sample_payload, Unset):
            sample_payload = self.sample_payload.to_dict()

        scan_limit = self.scan_limit


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "rule": rule,
        })
        if horizon_days is not UNSET:
            field_dict["horizon_days"] = horizon_days
        if page_size is not UNSET:
            field_dict["page_size"] = page_size
        if recent_events is not UNSET:
            field_dict["recent_events"] = recent_events
        if sample_payload is not UNSET:
            field_dict["sample_payload"] = sample_payload
        if scan_limit is not UNSET:
            field_dict["scan_limit"] = scan_limit

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.preview_in_sample_payload import PreviewInSamplePayload # noqa: PLC0415
        from ..models.rule_in import RuleIn # noqa: PLC0415
        d = dict(src_dict)
        rule = RuleIn.from_dict(d.pop("rule"))




        horizon_days = d.pop("horizon_days", UNSET)

        page_size = d.pop("page_size", UNSET)

        recent_events = d.pop("recent_events", UNSET)

        _sample_payload = d.pop("sample_payload", UNSET)
        sample_payload: PreviewInSamplePayload | Unset
        if isinstance(_sample_payload,  Unset):
            sample_payload = UNSET
        else:
            sample_payload = PreviewInSamplePayload.from_dict(_sample_payload)




        scan_limit = d.pop("scan_limit", UNSET)

        preview_in = cls(
            rule=rule,
            horizon_days=horizon_days,
            page_size=page_size,
            recent_events=recent_events,
            sample_payload=sample_payload,
            scan_limit=scan_limit,
        )

        return preview_in

