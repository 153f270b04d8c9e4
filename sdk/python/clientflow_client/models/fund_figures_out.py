from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="FundFiguresOut")



@_attrs_define
class FundFiguresOut:
    """ 
        Attributes:
            called (str):
            committed (str):
            currency (str):
            distributed (str):
            fund_code (str):
            fund_name (str):
            nav (str):
            paid (str):
            uncalled (str):
            dpi (float | None | Unset):
            tvpi (float | None | Unset):
     """

    called: str
    committed: str
    currency: str
    distributed: str
    fund_code: str
    fund_name: str
    nav: str
    paid: str
    uncalled: str
    dpi: float | None | Unset = UNSET
    tvpi: float | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        called = self.called

        committed = self.committed

        currency = self.currency

        distributed = self.distributed

        fund_code = self.fund_code

        fund_name = self.fund_name

        nav = self.nav

        paid = self.paid

        uncalled = self.uncalled

        dpi: float | None | Unset
        if isinstance(self.dpi, Unset):
            dpi = UNSET
        else:
            dpi = self.dpi

        tvpi: float | None | Unset
        if isinstance(self.tvpi, Unset):
            tvpi = UNSET
        else:
            tvpi = self.tvpi


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "called": called,
            "committed": committed,
            "currency": currency,
            "distributed": distributed,
            "fund_code": fund_code,
            "fund_name": fund_name,
            "nav": nav,
            "paid": paid,
            "uncalled": uncalled,
        })
        if dpi is not UNSET:
            field_dict["dpi"] = dpi
        if tvpi is not UNSET:
            field_dict["tvpi"] = tvpi

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        called = d.pop("called")

        committed = d.pop("committed")

        currency = d.pop("currency")

        distributed = d.pop("distributed")

        fund_code = d.pop("fund_code")

        fund_name = d.pop("fund_name")

        nav = d.pop("nav")

        paid = d.pop("paid")

        uncalled = d.pop("uncalled")

        def _parse_dpi(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        dpi = _parse_dpi(d.pop("dpi", UNSET))


        def _parse_tvpi(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        tvpi = _parse_tvpi(d.pop("tvpi", UNSET))


        fund_figures_out = cls(
            called=called,
            committed=committed,
            currency=currency,
            distributed=distributed,
            fund_code=fund_code,
            fund_name=fund_name,
            nav=nav,
            paid=paid,
            uncalled=uncalled,
            dpi=dpi,
            tvpi=tvpi,
        )


        fund_figures_out.additional_properties = d
        return fund_figures_out

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
