from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.account_out_distributed_by_kind import AccountOutDistributedByKind





T = TypeVar("T", bound="AccountOut")



@_attrs_define
class AccountOut:
    """ 
        Attributes:
            called (str):
            commitment (str):
            currency (str):
            distributed (str):
            distributed_by_kind (AccountOutDistributedByKind):
            fund_code (str):
            nav (str):
            outstanding (str):
            paid (str):
            uncalled (str):
            dpi (float | None | Unset):
            irr (float | None | Unset):
            rvpi (float | None | Unset):
            tvpi (float | None | Unset):
     """

    called: str
    commitment: str
    currency: str
    distributed: str
    distributed_by_kind: AccountOutDistributedByKind
    fund_code: str
    nav: str
    outstanding: str
    paid: str
    uncalled: str
    dpi: float | None | Unset = UNSET
    irr: float | None | Unset = UNSET
    rvpi: float | None | Unset = UNSET
    tvpi: float | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.account_out_distributed_by_kind import AccountOutDistributedByKind # noqa: PLC0415
        called = self.called

        commitment = self.commitment

        currency = self.currency

        distributed = self.distributed

        distributed_by_kind = self.distributed_by_kind.to_dict()

        fund_code = self.fund_code

        nav = self.nav

        outstanding = self.outstanding

        paid = self.paid

        uncalled = self.uncalled

        dpi: float | None | Unset
        if isinstance(self.dpi, Unset):
            dpi = UNSET
        else:
            dpi = self.dpi

        irr: float | None | Unset
        if isinstance(self.irr, Unset):
            irr = UNSET
        else:
            irr = self.irr

        rvpi: float | None | Unset
        if isinstance(self.rvpi, Unset):
            rvpi = UNSET
        else:
            rvpi = self.rvpi

        tvpi: float | None | Unset
        if isinstance(self.tvpi, Unset):
            tvpi = UNSET
        else:
            tvpi = self.tvpi


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "called": called,
            "commitment": commitment,
            "currency": currency,
            "distributed": distributed,
            "distributed_by_kind": distributed_by_kind,
            "fund_code": fund_code,
            "nav": nav,
            "outstanding": outstanding,
            "paid": paid,
            "uncalled": uncalled,
        })
        if dpi is not UNSET:
            field_dict["dpi"] = dpi
        if irr is not UNSET:
            field_dict["irr"] = irr
        if rvpi is not UNSET:
            field_dict["rvpi"] = rvpi
        if tvpi is not UNSET:
            field_dict["tvpi"] = tvpi

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.account_out_distributed_by_kind import AccountOutDistributedByKind # noqa: PLC0415
        d = dict(src_dict)
        called = d.pop("called")

        commitment = d.pop("commitment")

        currency = d.pop("currency")

        distributed = d.pop("distributed")

        distributed_by_kind = AccountOutDistributedByKind.from_dict(d.pop("distributed_by_kind"))




        fund_code = d.pop("fund_code")

        nav = d.pop("nav")

        outstanding = d.pop("outstanding")

        paid = d.pop("paid")

        uncalled = d.pop("uncalled")

        def _parse_dpi(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        dpi = _parse_dpi(d.pop("dpi", UNSET))


        def _parse_irr(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        irr = _parse_irr(d.pop("irr", UNSET))


        def _parse_rvpi(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        rvpi = _parse_rvpi(d.pop("rvpi", UNSET))


        def _parse_tvpi(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        tvpi = _parse_tvpi(d.pop("tvpi", UNSET))


        account_out = cls(
            called=called,
            commitment=commitment,
            currency=currency,
            distributed=distributed,
            distributed_by_kind=distributed_by_kind,
            fund_code=fund_code,
            nav=nav,
            outstanding=outstanding,
            paid=paid,
            uncalled=uncalled,
            dpi=dpi,
            irr=irr,
            rvpi=rvpi,
            tvpi=tvpi,
        )


        account_out.additional_properties = d
        return account_out

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
