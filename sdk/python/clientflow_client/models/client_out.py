from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.client_out_kind import ClientOutKind
from ..models.client_out_lifecycle_stage import ClientOutLifecycleStage
from ..models.client_out_tier import ClientOutTier
from ..types import UNSET, Unset
from typing import cast
from uuid import UUID
import datetime

if TYPE_CHECKING:
  from ..models.client_out_custom_fields import ClientOutCustomFields
  from ..models.external_id_body import ExternalIdBody
  from ..models.kyc import Kyc





T = TypeVar("T", bound="ClientOut")



@_attrs_define
class ClientOut:
    """ 
        Attributes:
            advisor_id (str):
            aum (str):
            created_at (datetime.datetime):
            id (UUID):
            kind (ClientOutKind):
            kyc (Kyc):
            lifecycle_stage (ClientOutLifecycleStage):
            locale (str):
            name (str):
            status (str):
            tier (ClientOutTier):
            timezone (str):
            updated_at (datetime.datetime):
            version (int):
            birthday (datetime.date | None | Unset):
            contract_end (datetime.date | None | Unset):
            custom_fields (ClientOutCustomFields | Unset):
            email (None | str | Unset):
            external_ids (list[ExternalIdBody] | Unset):
            last_activity_at (datetime.datetime | None | Unset):
            last_contact_at (datetime.datetime | None | Unset): the last call, meeting, e-mail, WeCom message or event
            phone (None | str | Unset):
            preferred_channel (None | str | Unset):
            signed_on (datetime.date | None | Unset):
            source_channel (None | str | Unset):
            tags (list[str] | Unset):
            team_id (None | str | Unset):
            tier_override (bool | Unset):  Default: False.
            wecom_id (None | str | Unset):
     """

    advisor_id: str
    aum: str
    created_at: datetime.datetime
    id: UUID
    kind: ClientOutKind
    kyc: Kyc
    lifecycle_stage: ClientOutLifecycleStage
    locale: str
    name: str
    status: str
    tier: ClientOutTier
    timezone: str
    updated_at: datetime.datetime
    version: int
    birthday: datetime.date | None | Unset = UNSET
    contract_end: datetime.date | None | Unset = UNSET
    custom_fields: ClientOutCustomFields | Unset = UNSET
    email: None | str | Unset = UNSET
    external_ids: list[ExternalIdBody] | Unset = UNSET
    last_activity_at: datetime.datetime | None | Unset = UNSET
    last_contact_at: datetime.datetime | None | Unset = UNSET
    phone: None | str | Unset = UNSET
    preferred_channel: None | str | Unset = UNSET
    signed_on: datetime.date | None | Unset = UNSET
    source_channel: None | str | Unset = UNSET
    tags: list[str] | Unset = UNSET
    team_id: None | str | Unset = UNSET
    tier_override: bool | Unset = False
    wecom_id: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.client_out_custom_fields import ClientOutCustomFields # noqa: PLC0415
        from ..models.external_id_body import ExternalIdBody # noqa: PLC0415
        from ..models.kyc import Kyc # noqa: PLC0415
        advisor_id = self.advisor_id

        aum = self.aum

        created_at = self.created_at.isoformat()

        id = str(self.id)

        kind = self.kind.value

        kyc = self.kyc.to_dict()

        lifecycle_stage = self.lifecycle_stage.value

        locale = self.locale

        name = self.name

        status = self.status

        tier = self.tier.value

        timezone = self.timezone

        updated_at = self.updated_at.isoformat()

        version = self.version

        birthday: None | str | Unset
        if isinstance(self.birthday, Unset):
            birthday = UNSET
        elif isinstance(self.birthday, datetime.date):
            birthday = self.birthday.isoformat()
        else:
            birthday = self.birthday

        contract_end: None | str | Unset
        if isinstance(self.contract_end, Unset):
            contract_end = UNSET
        elif isinstance(self.contract_end, datetime.date):
            contract_end = self.contract_end.isoformat()
        else:
            contract_end = self.contract_end

        custom_fields: dict[str, Any] | Unset = UNSET
        if not isinstance(self.custom_fields, Unset):
            custom_fields = self.custom_fields.to_dict()

        email: None | str | Unset
        if isinstance(self.email, Unset):
            email = UNSET
        else:
            email = self.email

        external_ids: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.external_ids, Unset):
            external_ids = []
            for external_ids_item_data in self.external_ids:
                external_ids_item = external_ids_item_data.to_dict()
                external_ids.append(external_ids_item)



        last_activity_at: None | str | Unset
        if isinstance(self.last_activity_at, Unset):
            last_activity_at = UNSET
        elif isinstance(self.last_activity_at, datetime.datetime):
            last_activity_at = self.last_activity_at.isoformat()
        else:
            last_activity_at = self.last_activity_at

        last_contact_at: None | str | Unset
        if isinstance(self.last_contact_at, Unset):
            last_contact_at = UNSET
        elif isinstance(self.last_contact_at, datetime.datetime):
            last_contact_at = self.last_contact_at.isoformat()
        else:
            last_contact_at = self.last_contact_at

        phone: None | str | Unset
        if isinstance(self.phone, Unset):
            phone = UNSET
        else:
            phone = self.phone

        preferred_channel: None | str | Unset
        if isinstance(self.preferred_channel, Unset):
            preferred_channel = UNSET
        else:
            preferred_channel = self.preferred_channel

        signed_on: None | str | Unset
        if isinstance(self.signed_on, Unset):
            signed_on = UNSET
        elif isinstance(self.signed_on, datetime.date):
            signed_on = self.signed_on.isoformat()
        else:
            signed_on = self.signed_on

        source_channel: None | str | Unset
        if isinstance(self.source_channel, Unset):
            source_channel = UNSET
        else:
            source_channel = self.source_channel

        tags: list[str] | Unset = UNSET
        if not isinstance(self.tags, Unset):
            tags = self.tags



        team_id: None | str | Unset
        if isinstance(self.team_id, Unset):
            team_id = UNSET
        else:
            team_id = self.team_id

        tier_override = self.tier_override

        wecom_id: None | str | Unset
        if isinstance(self.wecom_id, Unset):
            wecom_id = UNSET
        else:
            wecom_id = self.wecom_id


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "advisor_id": advisor_id,
            "aum": aum,
            "created_at": created_at,
            "id": id,
            "kind": kind,
            "kyc": kyc,
            "lifecycle_stage": lifecycle_stage,
            "locale": locale,
            "name": name,
            "status": status,
            "tier": tier,
            "timezone": timezone,
            "updated_at": updated_at,
            "version": version,
        })
        if birthday is not UNSET:
            field_dict["birthday"] = birthday
        if contract_end is not UNSET:
            field_dict["contract_end"] = contract_end
        if custom_fields is not UNSET:
            field_dict["custom_fields"] = custom_fields
        if email is not UNSET:
            field_dict["email"] = email
        if external_ids is not UNSET:
            field_dict["external_ids"] = external_ids
        if last_activity_at is not UNSET:
            field_dict["last_activity_at"] = last_activity_at
        if last_contact_at is not UNSET:
            field_dict["last_contact_at"] = last_contact_at
        if phone is not UNSET:
            field_dict["phone"] = phone
        if preferred_channel is not UNSET:
            field_dict["preferred_channel"] = preferred_channel
        if signed_on is not UNSET:
            field_dict["signed_on"] = signed_on
        if source_channel is not UNSET:
            field_dict["source_channel"] = source_channel
        if tags is not UNSET:
            field_dict["tags"] = tags
        if team_id is not UNSET:
            field_dict["team_id"] = team_id
        if tier_override is not UNSET:
            field_dict["tier_override"] = tier_override
        if wecom_id is not UNSET:
            field_dict["wecom_id"] = wecom_id

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.client_out_custom_fields import ClientOutCustomFields # noqa: PLC0415
        from ..models.external_id_body import ExternalIdBody # noqa: PLC0415
        from ..models.kyc import Kyc # noqa: PLC0415
        d = dict(src_dict)
        advisor_id = d.pop("advisor_id")

        aum = d.pop("aum")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))




        id = UUID(d.pop("id"))




        kind = ClientOutKind(d.pop("kind"))




        kyc = Kyc.from_dict(d.pop("kyc"))




        lifecycle_stage = ClientOutLifecycleStage(d.pop("lifecycle_stage"))




        locale = d.pop("locale")

        name = d.pop("name")

        status = d.pop("status")

        tier = ClientOutTier(d.pop("tier"))




        timezone = d.pop("timezone")

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))




        version = d.pop("version")

        def _parse_birthday(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                birthday_type_0 = datetime.date.fromisoformat(data)



                return birthday_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        birthday = _parse_birthday(d.pop("birthday", UNSET))


        def _parse_contract_end(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                contract_end_type_0 = datetime.date.fromisoformat(data)



                return contract_end_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        contract_end = _parse_contract_end(d.pop("contract_end", UNSET))


        _custom_fields = d.pop("custom_fields", UNSET)
        custom_fields: ClientOutCustomFields | Unset
        if isinstance(_custom_fields,  Unset):
            custom_fields = UNSET
        else:
            custom_fields = ClientOutCustomFields.from_dict(_custom_fields)




        def _parse_email(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        email = _parse_email(d.pop("email", UNSET))


        _external_ids = d.pop("external_ids", UNSET)
        external_ids: list[ExternalIdBody] | Unset = UNSET
        if _external_ids is not UNSET:
            external_ids = []
            for external_ids_item_data in _external_ids:
                external_ids_item = ExternalIdBody.from_dict(external_ids_item_data)



                external_ids.append(external_ids_item)


        def _parse_last_activity_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                last_activity_at_type_0 = datetime.datetime.fromisoformat(data)



                return last_activity_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        last_activity_at = _parse_last_activity_at(d.pop("last_activity_at", UNSET))


        def _parse_last_contact_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                last_contact_at_type_0 = datetime.datetime.fromisoformat(data)



                return last_contact_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        last_contact_at = _parse_last_contact_at(d.pop("last_contact_at", UNSET))


        def _parse_phone(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        phone = _parse_phone(d.pop("phone", UNSET))


        def _parse_preferred_channel(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        preferred_channel = _parse_preferred_channel(d.pop("preferred_channel", UNSET))


        def _parse_signed_on(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                signed_on_type_0 = datetime.date.fromisoformat(data)



                return signed_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        signed_on = _parse_signed_on(d.pop("signed_on", UNSET))


        def _parse_source_channel(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        source_channel = _parse_source_channel(d.pop("source_channel", UNSET))


        tags = cast(list[str], d.pop("tags", UNSET))


        def _parse_team_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        team_id = _parse_team_id(d.pop("team_id", UNSET))


        tier_override = d.pop("tier_override", UNSET)

        def _parse_wecom_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        wecom_id = _parse_wecom_id(d.pop("wecom_id", UNSET))


        client_out = cls(
            advisor_id=advisor_id,
            aum=aum,
            created_at=created_at,
            id=id,
            kind=kind,
            kyc=kyc,
            lifecycle_stage=lifecycle_stage,
            locale=locale,
            name=name,
            status=status,
            tier=tier,
            timezone=timezone,
            updated_at=updated_at,
            version=version,
            birthday=birthday,
            contract_end=contract_end,
            custom_fields=custom_fields,
            email=email,
            external_ids=external_ids,
            last_activity_at=last_activity_at,
            last_contact_at=last_contact_at,
            phone=phone,
            preferred_channel=preferred_channel,
            signed_on=signed_on,
            source_channel=source_channel,
            tags=tags,
            team_id=team_id,
            tier_override=tier_override,
            wecom_id=wecom_id,
        )


        client_out.additional_properties = d
        return client_out

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
