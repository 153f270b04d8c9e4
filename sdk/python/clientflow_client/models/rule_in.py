from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.rule_in_action import RuleInAction
from ..models.rule_in_period import RuleInPeriod
from ..models.rule_in_trigger import RuleInTrigger
from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.rule_action_in import RuleActionIn
  from ..models.rule_in_parameters import RuleInParameters





T = TypeVar("T", bound="RuleIn")



@_attrs_define
class RuleIn:
    """ 
        Attributes:
            event_type (str):
            name (str):
            action (RuleInAction | Unset): the rule's first action; may be empty when `actions` are given Default:
                RuleInAction.VALUE_0.
            actions (list[RuleActionIn] | Unset): run in order after `action`: add_tag, remove_tag, set_field, set_stage,
                assign_advisor, create_task, notify_staff, webhook, start_process, signal_process, notify
            condition (str | Unset): CEL over event and client, e.g. client.tier == "STRATEGIC" && event.payload.amount >
                1000000.0 Default: ''.
            confirm_bulk (bool | Unset): needed when the preview over recent events changes many clients Default: False.
            date_field (str | Unset): date rules: a client date, a custom date field (custom_fields.<key>) or the client's
                latest date of a record type's field (records.<type>.<field>) Default: ''.
            enabled (bool | Unset):  Default: True.
            field (str | Unset): client.changed rules: the changed field, e.g. tier or custom_fields.intent Default: ''.
            from_values (list[str] | Unset):
            offset_days (int | Unset): -30 = thirty days before Default: 0.
            parameters (RuleInParameters | Unset):
            period (RuleInPeriod | Unset):  Default: RuleInPeriod.ONCE.
            target (str | Unset):  Default: ''.
            team_id (str | Unset): the team whose clients it may change Default: ''.
            to_values (list[str] | Unset):
            trigger (RuleInTrigger | Unset): event: on published events; date: on a client's dates Default:
                RuleInTrigger.EVENT.
     """

    event_type: str
    name: str
    action: RuleInAction | Unset = RuleInAction.VALUE_0
    actions: list[RuleActionIn] | Unset = UNSET
    condition: str | Unset = ''
    confirm_bulk: bool | Unset = False
    date_field: str | Unset = ''
    enabled: bool | Unset = True
    field: str | Unset = ''
    from_values: list[str] | Unset = UNSET
    offset_days: int | Unset = 0
    parameters: RuleInParameters | Unset = UNSET
    period: RuleInPeriod | Unset = RuleInPeriod.ONCE
    target: str | Unset = ''
    team_id: str | Unset = ''
    to_values: list[str] | Unset = UNSET
    trigger: RuleInTrigger | Unset = RuleInTrigger.EVENT





    def to_dict(self) -> dict[str, Any]:
        from ..models.rule_action_in import RuleActionIn # noqa: PLC0415
        from ..models.rule_in_parameters import RuleInParameters # noqa: PLC0415
        event_type = self.event_type

        name = self.name

        action: str | Unset = UNSET
        if not isinstance(self.action, Unset):
            action = self.action.value


        actions: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.actions, Unset):
            actions = []
            for actions_item_data in self.actions:
                actions_item = actions_item_data.to_dict()
                actions.append(actions_item)



        condition = self.condition

        confirm_bulk = self.confirm_bulk

        date_field = self.date_field

        enabled = self.enabled

        field = self.field

        from_values: list[str] | Unset = UNSET
        if not isinstance(self.from_values, Unset):
            from_values = self.from_values



        offset_days = self.offset_days

        parameters: dict[str, Any] | Unset = UNSET
        if not isinstance(self.parameters, Unset):
            parameters = self.parameters.to_dict()

        period: str | Unset = UNSET
        if not isinstance(self.period, Unset):
            period = self.period.value


        target = self.target

        team_id = self.team_id

        to_values: list[str] | Unset = UNSET
        if not isinstance(self.to_values, Unset):
            to_values = self.to_values



        trigger: str | Unset = UNSET
        if not isinstance(self.trigger, Unset):
            trigger = self.trigger.value



        field_dict: dict[str, Any] = {}

        field_dict.update({
            "event_type": event_type,
            "name": name,
        })
        if action is not UNSET:
            field_dict["action"] = action
        if actions is not UNSET:
            field_dict["actions"] = actions
        if condition is not UNSET:
            field_dict["condition"] = condition
        if confirm_bulk is not UNSET:
            field_dict["confirm_bulk"] = confirm_bulk
        if date_field is not UNSET:
            field_dict["date_field"] = date_field
        if enabled is not UNSET:
            field_dict["enabled"] = enabled
        if field is not UNSET:
            field_dict["field"] = field
        if from_values is not UNSET:
            field_dict["from_values"] = from_values
        if offset_days is not UNSET:
            field_dict["offset_days"] = offset_days
        if parameters is not UNSET:
            field_dict["parameters"] = parameters
        if period is not UNSET:
            field_dict["period"] = period
        if target is not UNSET:
            field_dict["target"] = target
        if team_id is not UNSET:
            field_dict["team_id"] = team_id
        if to_values is not UNSET:
            field_dict["to_values"] = to_values
        if trigger is not UNSET:
            field_dict["trigger"] = trigger

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.rule_action_in import RuleActionIn # noqa: PLC0415
        from ..models.rule_in_parameters import RuleInParameters # noqa: PLC0415
        d = dict(src_dict)
        event_type = d.pop("event_type")

        name = d.pop("name")

        _action = d.pop("action", UNSET)
        action: RuleInAction | Unset
        if isinstance(_action,  Unset):
            action = UNSET
        else:
            action = RuleInAction(_action)




        _actions = d.pop("actions", UNSET)
        actions: list[RuleActionIn] | Unset = UNSET
        if _actions is not UNSET:
            actions = []
            for actions_item_data in _actions:
                actions_item = RuleActionIn.from_dict(actions_item_data)



                actions.append(actions_item)


        condition = d.pop("condition", UNSET)

        confirm_bulk = d.pop("confirm_bulk", UNSET)

        date_field = d.pop("date_field", UNSET)

        enabled = d.pop("enabled", UNSET)

        field = d.pop("field", UNSET)

        from_values = cast(list[str], d.pop("from_values", UNSET))


        offset_days = d.pop("offset_days", UNSET)

        _parameters = d.pop("parameters", UNSET)
        parameters: RuleInParameters | Unset
        if isinstance(_parameters,  Unset):
            parameters = UNSET
        else:
            parameters = RuleInParameters.from_dict(_parameters)




        _period = d.pop("period", UNSET)
        period: RuleInPeriod | Unset
        if isinstance(_period,  Unset):
            period = UNSET
        else:
            period = RuleInPeriod(_period)




        target = d.pop("target", UNSET)

        team_id = d.pop("team_id", UNSET)

        to_values = cast(list[str], d.pop("to_values", UNSET))


        _trigger = d.pop("trigger", UNSET)
        trigger: RuleInTrigger | Unset
        if isinstance(_trigger,  Unset):
            trigger = UNSET
        else:
            trigger = RuleInTrigger(_trigger)




        rule_in = cls(
            event_type=event_type,
            name=name,
            action=action,
            actions=actions,
            condition=condition,
            confirm_bulk=confirm_bulk,
            date_field=date_field,
            enabled=enabled,
            field=field,
            from_values=from_values,
            offset_days=offset_days,
            parameters=parameters,
            period=period,
            target=target,
            team_id=team_id,
            to_values=to_values,
            trigger=trigger,
        )

        return rule_in

