from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.filter_in_risk_levels_item import FilterInRiskLevelsItem
from ..models.filter_in_stages_item import FilterInStagesItem
from ..models.filter_in_tiers_item import FilterInTiersItem
from ..types import UNSET, Unset
from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.custom_predicate_in import CustomPredicateIn
  from ..models.record_predicate_in import RecordPredicateIn





T = TypeVar("T", bound="FilterIn")



@_attrs_define
class FilterIn:
    """ 
        Attributes:
            advisor_ids (list[str] | Unset):
            aum_max (None | str | Unset):
            aum_min (None | str | Unset):
            custom (list[CustomPredicateIn] | Unset):
            include_never_active (bool | Unset):  Default: False.
            last_activity_after (datetime.datetime | None | Unset):
            last_activity_before (datetime.datetime | None | Unset):
            last_contact_after (datetime.datetime | None | Unset):
            last_contact_before (datetime.datetime | None | Unset):
            records (list[RecordPredicateIn] | Unset):
            risk_levels (list[FilterInRiskLevelsItem] | Unset):
            stages (list[FilterInStagesItem] | Unset):
            tags_all (list[str] | Unset):
            tags_any (list[str] | Unset):
            team_ids (list[str] | Unset):
            tiers (list[FilterInTiersItem] | Unset):
     """

    advisor_ids: list[str] | Unset = UNSET
    aum_max: None | str | Unset = UNSET
    aum_min: None | str | Unset = UNSET
    custom: list[CustomPredicateIn] | Unset = UNSET
    include_never_active: bool | Unset = False
    last_activity_after: datetime.datetime | None | Unset = UNSET
    last_activity_before: datetime.datetime | None | Unset = UNSET
    last_contact_after: datetime.datetime | None | Unset = UNSET
    last_contact_before: datetime.datetime | None | Unset = UNSET
    records: list[RecordPredicateIn] | Unset = UNSET
    risk_levels: list[FilterInRiskLevelsItem] | Unset = UNSET
    stages: list[FilterInStagesItem] | Unset = UNSET
    tags_all: list[str] | Unset = UNSET
    tags_any: list[str] | Unset = UNSET
    team_ids: list[str] | Unset = UNSET
    tiers: list[FilterInTiersItem] | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        from ..models.custom_predicate_in import CustomPredicateIn # noqa: PLC0415
        from ..models.record_predicate_in import RecordPredicateIn # noqa: PLC0415
        advisor_ids: list[str] | Unset = UNSET
        if not isinstance(self.advisor_ids, Unset):
            advisor_ids = self.advisor_ids



        aum_max: None | str | Unset
        if isinstance(self.aum_max, Unset):
            aum_max = UNSET
        else:
            aum_max = self.aum_max

        aum_min: None | str | Unset
        if isinstance(self.aum_min, Unset):
            aum_min = UNSET
        else:
            aum_min = self.aum_min

        custom: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.custom, Unset):
            custom = []
            for custom_item_data in self.custom:
                custom_item = custom_item_data.to_dict()
                custom.append(custom_item)



        include_never_active = self.include_never_active

        last_activity_after: None | str | Unset
        if isinstance(self.last_activity_after, Unset):
            last_activity_after = UNSET
        elif isinstance(self.last_activity_after, datetime.datetime):
            last_activity_after = self.last_activity_after.isoformat()
        else:
            last_activity_after = self.last_activity_after

        last_activity_before: None | str | Unset
        if isinstance(self.last_activity_before, Unset):
            last_activity_before = UNSET
        elif isinstance(self.last_activity_before, datetime.datetime):
            last_activity_before = self.last_activity_before.isoformat()
        else:
            last_activity_before = self.last_activity_before

        last_contact_after: None | str | Unset
        if isinstance(self.last_contact_after, Unset):
            last_contact_after = UNSET
        elif isinstance(self.last_contact_after, datetime.datetime):
            last_contact_after = self.last_contact_after.isoformat()
        else:
            last_contact_after = self.last_contact_after

        last_contact_before: None | str | Unset
        if isinstance(self.last_contact_before, Unset):
            last_contact_before = UNSET
        elif isinstance(self.last_contact_before, datetime.datetime):
            last_contact_before = self.last_contact_before.isoformat()
        else:
            last_contact_before = self.last_contact_before

        records: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.records, Unset):
            records = []
            for records_item_data in self.records:
                records_item = records_item_data.to_dict()
                records.append(records_item)



        risk_levels: list[str] | Unset = UNSET
        if not isinstance(self.risk_levels, Unset):
            risk_levels = []
            for risk_levels_item_data in self.risk_levels:
                risk_levels_item = risk_levels_item_data.value
                risk_levels.append(risk_levels_item)



        stages: list[str] | Unset = UNSET
        if not isinstance(self.stages, Unset):
            stages = []
            for stages_item_data in self.stages:
                stages_item = stages_item_data.value
                stages.append(stages_item)



        tags_all: list[str] | Unset = UNSET
        if not isinstance(self.tags_all, Unset):
            tags_all = self.tags_all



        tags_any: list[str] | Unset = UNSET
        if not isinstance(self.tags_any, Unset):
            tags_any = self.tags_any



        team_ids: list[str] | Unset = UNSET
        if not isinstance(self.team_ids, Unset):
            team_ids = self.team_ids



        tiers: list[str] | Unset = UNSET
        if not isinstance(self.tiers, Unset):
            tiers = []
            for tiers_item_data in self.tiers:
                tiers_item = tiers_item_data.value
                tiers.append(tiers_item)




        field_dict: dict[str, Any] = {}

        field_dict.update({
        })
        if advisor_ids is not UNSET:
            field_dict["advisor_ids"] = advisor_ids
        if aum_max is not UNSET:
            field_dict["aum_max"] = aum_max
        if aum_min is not UNSET:
            field_dict["aum_min"] = aum_min
        if custom is not UNSET:
            field_dict["custom"] = custom
        if include_never_active is not UNSET:
            field_dict["include_never_active"] = include_never_active
        if last_activity_after is not UNSET:
            field_dict["last_activity_after"] = last_activity_after
        if last_activity_before is not UNSET:
            field_dict["last_activity_before"] = last_activity_before
        if last_contact_after is not UNSET:
            field_dict["last_contact_after"] = last_contact_after
        if last_contact_before is not UNSET:
            field_dict["last_contact_before"] = last_contact_before
        if records is not UNSET:
            field_dict["records"] = records
        if risk_levels is not UNSET:
            field_dict["risk_levels"] = risk_levels
        if stages is not UNSET:
            field_dict["stages"] = stages
        if tags_all is not UNSET:
            field_dict["tags_all"] = tags_all
        if tags_any is not UNSET:
            field_dict["tags_any"] = tags_any
        if team_ids is not UNSET:
            field_dict["team_ids"] = team_ids
        if tiers is not UNSET:
            field_dict["tiers"] = tiers

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.custom_predicate_in import CustomPredicateIn # noqa: PLC0415
        from ..models.record_predicate_in import RecordPredicateIn # noqa: PLC0415
        d = dict(src_dict)
        advisor_ids = cast(list[str], d.pop("advisor_ids", UNSET))


        def _parse_aum_max(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        aum_max = _parse_aum_max(d.pop("aum_max", UNSET))


        def _parse_aum_min(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        aum_min = _parse_aum_min(d.pop("aum_min", UNSET))


        _custom = d.pop("custom", UNSET)
        custom: list[CustomPredicateIn] | Unset = UNSET
        if _custom is not UNSET:
            custom = []
            for custom_item_data in _custom:
                custom_item = CustomPredicateIn.from_dict(custom_item_data)



                custom.append(custom_item)


        include_never_active = d.pop("include_never_active", UNSET)

        def _parse_last_activity_after(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                last_activity_after_type_0 = datetime.datetime.fromisoformat(data)



                return last_activity_after_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        last_activity_after = _parse_last_activity_after(d.pop("last_activity_after", UNSET))


        def _parse_last_activity_before(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                last_activity_before_type_0 = datetime.datetime.fromisoformat(data)



                return last_activity_before_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        last_activity_before = _parse_last_activity_before(d.pop("last_activity_before", UNSET))


        def _parse_last_contact_after(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                last_contact_after_type_0 = datetime.datetime.fromisoformat(data)



                return last_contact_after_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        last_contact_after = _parse_last_contact_after(d.pop("last_contact_after", UNSET))


        def _parse_last_contact_before(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                last_contact_before_type_0 = datetime.datetime.fromisoformat(data)



                return last_contact_before_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        last_contact_before = _parse_last_contact_before(d.pop("last_contact_before", UNSET))


        _records = d.pop("records", UNSET)
        records: list[RecordPredicateIn] | Unset = UNSET
        if _records is not UNSET:
            records = []
            for records_item_data in _records:
                records_item = RecordPredicateIn.from_dict(records_item_data)



                records.append(records_item)


        _risk_levels = d.pop("risk_levels", UNSET)
        risk_levels: list[FilterInRiskLevelsItem] | Unset = UNSET
        if _risk_levels is not UNSET:
            risk_levels = []
            for risk_levels_item_data in _risk_levels:
                risk_levels_item = FilterInRiskLevelsItem(risk_levels_item_data)



                risk_levels.append(risk_levels_item)


        _stages = d.pop("stages", UNSET)
        stages: list[FilterInStagesItem] | Unset = UNSET
        if _stages is not UNSET:
            stages = []
            for stages_item_data in _stages:
                stages_item = FilterInStagesItem(stages_item_data)



                stages.append(stages_item)


        tags_all = cast(list[str], d.pop("tags_all", UNSET))


        tags_any = cast(list[str], d.pop("tags_any", UNSET))


        team_ids = cast(list[str], d.pop("team_ids", UNSET))


        _tiers = d.pop("tiers", UNSET)
        tiers: list[FilterInTiersItem] | Unset = UNSET
        if _tiers is not UNSET:
            tiers = []
            for tiers_item_data in _tiers:
                tiers_item = FilterInTiersItem(tiers_item_data)



                tiers.append(tiers_item)


        filter_in = cls(
            advisor_ids=advisor_ids,
            aum_max=aum_max,
            aum_min=aum_min,
            custom=custom,
            include_never_active=include_never_active,
            last_activity_after=last_activity_after,
            last_activity_before=last_activity_before,
            last_contact_after=last_contact_after,
            last_contact_before=last_contact_before,
            records=records,
            risk_levels=risk_levels,
            stages=stages,
            tags_all=tags_all,
            tags_any=tags_any,
            team_ids=team_ids,
            tiers=tiers,
        )

        return filter_in

