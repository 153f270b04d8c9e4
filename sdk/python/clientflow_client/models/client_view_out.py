from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.client_out import ClientOut
  from ..models.holdings_summary_out import HoldingsSummaryOut
  from ..models.interaction_out import InteractionOut
  from ..models.link_out import LinkOut
  from ..models.related_person_out import RelatedPersonOut
  from ..models.stage_change_out import StageChangeOut
  from ..models.tier_change_out import TierChangeOut
  from ..models.transaction_out import TransactionOut





T = TypeVar("T", bound="ClientViewOut")



@_attrs_define
class ClientViewOut:
    """ 
        Attributes:
            client (ClientOut):
            holdings (HoldingsSummaryOut):
            links (list[LinkOut]):
            net_flows_12m (str):
            recent_interactions (list[InteractionOut]):
            recent_transactions (list[TransactionOut]):
            related_persons (list[RelatedPersonOut]):
            stage_reason (None | StageChangeOut | Unset):
            tier_reason (None | TierChangeOut | Unset):
     """

    client: ClientOut
    holdings: HoldingsSummaryOut
    links: list[LinkOut]
    net_flows_12m: str
    recent_interactions: list[InteractionOut]
    recent_transactions: list[TransactionOut]
    related_persons: list[RelatedPersonOut]
    stage_reason: None | StageChangeOut | Unset = UNSET
    tier_reason: None | TierChangeOut | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.client_out import ClientOut # noqa: PLC0415
        from ..models.holdings_summary_out import HoldingsSummaryOut # noqa: PLC0415
        from ..models.interaction_out import InteractionOut # noqa: PLC0415
        from ..models.link_out import LinkOut # noqa: PLC0415
        from ..models.related_person_out import RelatedPersonOut # noqa: PLC0415
        from ..models.stage_change_out import StageChangeOut # noqa: PLC0415
        from ..models.tier_change_out import TierChangeOut # noqa: PLC0415
        from ..models.transaction_out import TransactionOut # noqa: PLC0415
        client = self.client.to_dict()

        holdings = self.holdings.to_dict()

        links = []
        for links_item_data in self.links:
            links_item = links_item_data.to_dict()
            links.append(links_item)



        net_flows_12m = self.net_flows_12m

        recent_interactions = []
        for recent_interactions_item_data in self.recent_interactions:
            recent_interactions_item = recent_interactions_item_data.to_dict()
            recent_interactions.append(recent_interactions_item)



        recent_transactions = []
        for recent_transactions_item_data in self.recent_transactions:
            recent_transactions_item = recent_transactions_item_data.to_dict()
            recent_transactions.append(recent_transactions_item)



        related_persons = []
        for related_persons_item_data in self.related_persons:
            related_persons_item = related_persons_item_data.to_dict()
            related_persons.append(related_persons_item)



        stage_reason: dict[str, Any] | None | Unset
        if isinstance(self.stage_reason, Unset):
            stage_reason = UNSET
        elif isinstance(self.stage_reason, StageChangeOut):
            stage_reason = self.stage_reason.to_dict()
        else:
            stage_reason = self.stage_reason

        tier_reason: dict[str, Any] | None | Unset
        if isinstance(self.tier_reason, Unset):
            tier_reason = UNSET
        elif isinstance(self.tier_reason, TierChangeOut):
            tier_reason = self.tier_reason.to_dict()
        else:
            tier_reason = self.tier_reason


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "client": client,
            "holdings": holdings,
            "links": links,
            "net_flows_12m": net_flows_12m,
            "recent_interactions": recent_interactions,
            "recent_transactions": recent_transactions,
            "related_persons": related_persons,
        })
        if stage_reason is not UNSET:
            field_dict["stage_reason"] = stage_reason
        if tier_reason is not UNSET:
            field_dict["tier_reason"] = tier_reason

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.client_out import ClientOut # noqa: PLC0415
        from ..models.holdings_summary_out import HoldingsSummaryOut # noqa: PLC0415
        from ..models.interaction_out import InteractionOut # noqa: PLC0415
        from ..models.link_out import LinkOut # noqa: PLC0415
        from ..models.related_person_out import RelatedPersonOut # noqa: PLC0415
        from ..models.stage_change_out import StageChangeOut # noqa: PLC0415
        from ..models.tier_change_out import TierChangeOut # noqa: PLC0415
        from ..models.transaction_out import TransactionOut # noqa: PLC0415
        d = dict(src_dict)
        client = ClientOut.from_dict(d.pop("client"))




        holdings = HoldingsSummaryOut.from_dict(d.pop("holdings"))




        links = []
        _links = d.pop("links")
        for links_item_data in (_links):
            links_item = LinkOut.from_dict(links_item_data)



            links.append(links_item)


        net_flows_12m = d.pop("net_flows_12m")

        recent_interactions = []
        _recent_interactions = d.pop("recent_interactions")
        for recent_interactions_item_data in (_recent_interactions):
            recent_interactions_item = InteractionOut.from_dict(recent_interactions_item_data)



            recent_interactions.append(recent_interactions_item)


        recent_transactions = []
        _recent_transactions = d.pop("recent_transactions")
        for recent_transactions_item_data in (_recent_transactions):
            recent_transactions_item = TransactionOut.from_dict(recent_transactions_item_data)



            recent_transactions.append(recent_transactions_item)


        related_persons = []
        _related_persons = d.pop("related_persons")
        for related_persons_item_data in (_related_persons):
            related_persons_item = RelatedPersonOut.from_dict(related_persons_item_data)



            related_persons.append(related_persons_item)


        def _parse_stage_reason(data: object) -> None | StageChangeOut | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                stage_reason_type_0 = StageChangeOut.from_dict(data)



                return stage_reason_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | StageChangeOut | Unset, data)

        stage_reason = _parse_stage_reason(d.pop("stage_reason", UNSET))


        def _parse_tier_reason(data: object) -> None | TierChangeOut | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                tier_reason_type_0 = TierChangeOut.from_dict(data)



                return tier_reason_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | TierChangeOut | Unset, data)

        tier_reason = _parse_tier_reason(d.pop("tier_reason", UNSET))


        client_view_out = cls(
            client=client,
            holdings=holdings,
            links=links,
            net_flows_12m=net_flows_12m,
            recent_interactions=recent_interactions,
            recent_transactions=recent_transactions,
            related_persons=related_persons,
            stage_reason=stage_reason,
            tier_reason=tier_reason,
        )


        client_view_out.additional_properties = d
        return client_view_out

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
