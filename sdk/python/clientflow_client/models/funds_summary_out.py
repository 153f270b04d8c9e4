from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.fund_figures_out import FundFiguresOut
  from ..models.overdue_call_out import OverdueCallOut
  from ..models.quarter_distributions_out import QuarterDistributionsOut





T = TypeVar("T", bound="FundsSummaryOut")



@_attrs_define
class FundsSummaryOut:
    """ 
        Attributes:
            distributions (list[QuarterDistributionsOut]):
            funds (list[FundFiguresOut]):
            overdue (list[OverdueCallOut]):
     """

    distributions: list[QuarterDistributionsOut]
    funds: list[FundFiguresOut]
    overdue: list[OverdueCallOut]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.fund_figures_out import FundFiguresOut # noqa: PLC0415
        from ..models.overdue_call_out import OverdueCallOut # noqa: PLC0415
        from ..models.quarter_distributions_out import QuarterDistributionsOut # noqa: PLC0415
        distributions = []
        for distributions_item_data in self.distributions:
            distributions_item = distributions_item_data.to_dict()
            distributions.append(distributions_item)



        funds = []
        for funds_item_data in self.funds:
            funds_item = funds_item_data.to_dict()
            funds.append(funds_item)



        overdue = []
        for overdue_item_data in self.overdue:
            overdue_item = overdue_item_data.to_dict()
            overdue.append(overdue_item)




        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "distributions": distributions,
            "funds": funds,
            "overdue": overdue,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.fund_figures_out import FundFiguresOut # noqa: PLC0415
        from ..models.overdue_call_out import OverdueCallOut # noqa: PLC0415
        from ..models.quarter_distributions_out import QuarterDistributionsOut # noqa: PLC0415
        d = dict(src_dict)
        distributions = []
        _distributions = d.pop("distributions")
        for distributions_item_data in (_distributions):
            distributions_item = QuarterDistributionsOut.from_dict(distributions_item_data)



            distributions.append(distributions_item)


        funds = []
        _funds = d.pop("funds")
        for funds_item_data in (_funds):
            funds_item = FundFiguresOut.from_dict(funds_item_data)



            funds.append(funds_item)


        overdue = []
        _overdue = d.pop("overdue")
        for overdue_item_data in (_overdue):
            overdue_item = OverdueCallOut.from_dict(overdue_item_data)



            overdue.append(overdue_item)


        funds_summary_out = cls(
            distributions=distributions,
            funds=funds,
            overdue=overdue,
        )


        funds_summary_out.additional_properties = d
        return funds_summary_out

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
