from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.client_patch_kind_type_0 import ClientPatchKindType0
from ..models.client_patch_kyc_status_type_0 import ClientPatchKycStatusType0
from ..models.client_patch_locale_type_0 import ClientPatchLocaleType0
from ..models.client_patch_preferred_channel_type_0 import ClientPatchPreferredChannelType0
from ..models.client_patch_risk_level_type_0 import ClientPatchRiskLevelType0
from ..models.client_patch_status_type_0 import ClientPatchStatusType0
from ..types import UNSET, Unset
from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.client_patch_custom_fields_type_0 import ClientPatchCustomFieldsType0
  from ..models.client_patch_risk_answers_type_0 import ClientPatchRiskAnswersType0
  from ..models.external_id_body import ExternalIdBody





T = TypeVar("T", bound="ClientPatch")



@_attrs_define
class ClientPatch:
    """ 
        Attributes:
            advisor_id (None | str | Unset):
            birthday (datetime.date | None | Unset):
            contract_end (datetime.date | None | Unset):
            custom_fields (ClientPatchCustomFieldsType0 | None | Unset):
            email (None | str | Unset):
            external_ids (list[ExternalIdBody] | None | Unset):
            investment_preferences (list[str] | None | Unset):
            kind (ClientPatchKindType0 | None | Unset):
            kyc_expires_on (datetime.date | None | Unset):
            kyc_status (ClientPatchKycStatusType0 | None | Unset):
            locale (ClientPatchLocaleType0 | None | Unset):
            name (None | str | Unset):
            phone (None | str | Unset):
            preferred_channel (ClientPatchPreferredChannelType0 | None | Unset):
            risk_answers (ClientPatchRiskAnswersType0 | None | Unset):
            risk_level (ClientPatchRiskLevelType0 | None | Unset):
            signed_on (datetime.date | None | Unset):
            source_channel (None | str | Unset):
            status (ClientPatchStatusType0 | None | Unset):
            tags (list[str] | None | Unset):
            team_id (None | str | Unset):
            timezone (None | str | Unset):
            wecom_id (None | str | Unset):
     """

    advisor_id: None | str | Unset = UNSET
    birthday: datetime.date | None | Unset = UNSET
    contract_end: datetime.date | None | Unset = UNSET
    custom_fields: ClientPatchCustomFieldsType0 | None | Unset = UNSET
    email: None | str | Unset = UNSET
    external_ids: list[ExternalIdBody] | None | Unset = UNSET
    investment_preferences: list[str] | None | Unset = UNSET
    kind: ClientPatchKindType0 | None | Unset = UNSET
    kyc_expires_on: datetime.date | None | Unset = UNSET
    kyc_status: ClientPatchKycStatusType0 | None | Unset = UNSET
    locale: ClientPatchLocaleType0 | None | Unset = UNSET
    name: None | str | Unset = UNSET
    phone: None | str | Unset = UNSET
    preferred_channel: ClientPatchPreferredChannelType0 | None | Unset = UNSET
    risk_answers: ClientPatchRiskAnswersType0 | None | Unset = UNSET
    risk_level: ClientPatchRiskLevelType0 | None | Unset = UNSET
    signed_on: datetime.date | None | Unset = UNSET
    source_channel: None | str | Unset = UNSET
    status: ClientPatchStatusType0 | None | Unset = UNSET
    tags: list[str] | None | Unset = UNSET
    team_id: None | str | Unset = UNSET
    timezone: None | str | Unset = UNSET
    wecom_id: None | str | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        from ..models.client_patch_custom_fields_type_0 import ClientPatchCustomFieldsType0 # noqa: PLC0415
        from ..models.client_patch_risk_answers_type_0 import ClientPatchRiskAnswersType0 # noqa: PLC0415
        from ..models.external_id_body import ExternalIdBody # noqa: PLC0415
        advisor_id: None | str | Unset
        if isinstance(self.advisor_id, Unset):
            advisor_id = UNSET
        else:
            advisor_id = self.advisor_id

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

        custom_fields: dict[str, Any] | None | Unset
        if isinstance(self.custom_fields, Unset):
            custom_fields = UNSET
        elif isinstance(self.custom_fields, ClientPatchCustomFieldsType0):
            custom_fields = self.custom_fields.to_dict()
        else:
            custom_fields = self.custom_fields

        email: None | str | Unset
        if isinstance(self.email, Unset):
            email = UNSET
        else:
            email = self.email

        external_ids: list[dict[str, Any]] | None | Unset
        if isinstance(self.external_ids, Unset):
            external_ids = UNSET
        elif isinstance(self.external_ids, list):
            external_ids = []
            for external_ids_type_0_item_data in self.external_ids:
                external_ids_type_0_item = external_ids_type_0_item_data.to_dict()
                external_ids.append(external_ids_type_0_item)


        else:
            external_ids = self.external_ids

        investment_preferences: list[str] | None | Unset
        if isinstance(self.investment_preferences, Unset):
            investment_preferences = UNSET
        elif isinstance(self.investment_preferences, list):
            investment_preferences = self.investment_preferences


        else:
            investment_preferences = self.investment_preferences

        kind: None | str | Unset
        if isinstance(self.kind, Unset):
            kind = UNSET
        elif isinstance(self.kind, ClientPatchKindType0):
            kind = self.kind.value
        else:
            kind = self.kind

        kyc_expires_on: None | str | Unset
        if isinstance(self.kyc_expires_on, Unset):
            kyc_expires_on = UNSET
        elif isinstance(self.kyc_expires_on, datetime.date):
            kyc_expires_on = self.kyc_expires_on.isoformat()
        else:
            kyc_expires_on = self.kyc_expires_on

        kyc_status: None | str | Unset
        if isinstance(self.kyc_status, Unset):
            kyc_status = UNSET
        elif isinstance(self.kyc_status, ClientPatchKycStatusType0):
            kyc_status = self.kyc_status.value
        else:
            kyc_status = self.kyc_status

        locale: None | str | Unset
        if isinstance(self.locale, Unset):
            locale = UNSET
        elif isinstance(self.locale, ClientPatchLocaleType0):
            locale = self.locale.value
        else:
            locale = self.locale

        name: None | str | Unset
        if isinstance(self.name, Unset):
            name = UNSET
        else:
            name = self.name

        phone: None | str | Unset
        if isinstance(self.phone, Unset):
            phone = UNSET
        else:
            phone = self.phone

        preferred_channel: None | str | Unset
        if isinstance(self.preferred_channel, Unset):
            preferred_channel = UNSET
        elif isinstance(self.preferred_channel, ClientPatchPreferredChannelType0):
            preferred_channel = self.preferred_channel.value
        else:
            preferred_channel = self.preferred_channel

        risk_answers: dict[str, Any] | None | Unset
        if isinstance(self.risk_answers, Unset):
            risk_answers = UNSET
        elif isinstance(self.risk_answers, ClientPatchRiskAnswersType0):
            risk_answers = self.risk_answers.to_dict()
        else:
            risk_answers = self.risk_answers

        risk_level: None | str | Unset
        if isinstance(self.risk_level, Unset):
            risk_level = UNSET
        elif isinstance(self.risk_level, ClientPatchRiskLevelType0):
            risk_level = self.risk_level.value
        else:
            risk_level = self.risk_level

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

        status: None | str | Unset
        if isinstance(self.status, Unset):
            status = UNSET
        elif isinstance(self.status, ClientPatchStatusType0):
            status = self.status.value
        else:
            status = self.status

        tags: list[str] | None | Unset
        if isinstance(self.tags, Unset):
            tags = UNSET
        elif isinstance(self.tags, list):
            tags = self.tags


        else:
            tags = self.tags

        team_id: None | str | Unset
        if isinstance(self.team_id, Unset):
            team_id = UNSET
        else:
            team_id = self.team_id

        timezone: None | str | Unset
        if isinstance(self.timezone, Unset):
            timezone = UNSET
        else:
            timezone = self.timezone

        wecom_id: None | str | Unset
        if isinstance(self.wecom_id, Unset):
            wecom_id = UNSET
        else:
            wecom_id = self.wecom_id


        field_dict: dict[str, Any] = {}

        field_dict.update({
        })
        if advisor_id is not UNSET:
            field_dict["advisor_id"] = advisor_id
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
        if investment_preferences is not UNSET:
            field_dict["investment_preferences"] = investment_preferences
        if kind is not UNSET:
            field_dict["kind"] = kind
        if kyc_expires_on is not UNSET:
            field_dict["kyc_expires_on"] = kyc_expires_on
        if kyc_status is not UNSET:
            field_dict["kyc_status"] = kyc_status
        if locale is not UNSET:
            field_dict["locale"] = locale
        if name is not UNSET:
            field_dict["name"] = name
        if phone is not UNSET:
            field_dict["phone"] = phone
        if preferred_channel is not UNSET:
            field_dict["preferred_channel"] = preferred_channel
        if risk_answers is not UNSET:
            field_dict["risk_answers"] = risk_answers
        if risk_level is not UNSET:
            field_dict["risk_level"] = risk_level
        if signed_on is not UNSET:
            field_dict["signed_on"] = signed_on
        if source_channel is not UNSET:
            field_dict["source_channel"] = source_channel
        if status is not UNSET:
            field_dict["status"] = status
        if tags is not UNSET:
            field_dict["tags"] = tags
        if team_id is not UNSET:
            field_dict["team_id"] = team_id
        if timezone is not UNSET:
            field_dict["timezone"] = timezone
        if wecom_id is not UNSET:
            field_dict["wecom_id"] = wecom_id

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.client_patch_custom_fields_type_0 import ClientPatchCustomFieldsType0 # noqa: PLC0415
        from ..models.client_patch_risk_answers_type_0 import ClientPatchRiskAnswersType0 # noqa: PLC0415
        from ..models.external_id_body import ExternalIdBody # noqa: PLC0415
        d = dict(src_dict)
        def _parse_advisor_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        advisor_id = _parse_advisor_id(d.pop("advisor_id", UNSET))


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


        def _parse_custom_fields(data: object) -> ClientPatchCustomFieldsType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                custom_fields_type_0 = ClientPatchCustomFieldsType0.from_dict(data)



                return custom_fields_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ClientPatchCustomFieldsType0 | None | Unset, data)

        custom_fields = _parse_custom_fields(d.pop("custom_fields", UNSET))


        def _parse_email(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        email = _parse_email(d.pop("email", UNSET))


        def _parse_external_ids(data: object) -> list[ExternalIdBody] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                external_ids_type_0 = []
                _external_ids_type_0 = data
                for external_ids_type_0_item_data in (_external_ids_type_0):
                    external_ids_type_0_item = ExternalIdBody.from_dict(external_ids_type_0_item_data)



                    external_ids_type_0.append(external_ids_type_0_item)

                return external_ids_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[ExternalIdBody] | None | Unset, data)

        external_ids = _parse_external_ids(d.pop("external_ids", UNSET))


        def _parse_investment_preferences(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                investment_preferences_type_0 = cast(list[str], data)

                return investment_preferences_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        investment_preferences = _parse_investment_preferences(d.pop("investment_preferences", UNSET))


        def _parse_kind(data: object) -> ClientPatchKindType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                kind_type_0 = ClientPatchKindType0(data)



                return kind_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ClientPatchKindType0 | None | Unset, data)

        kind = _parse_kind(d.pop("kind", UNSET))


        def _parse_kyc_expires_on(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                kyc_expires_on_type_0 = datetime.date.fromisoformat(data)



                return kyc_expires_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        kyc_expires_on = _parse_kyc_expires_on(d.pop("kyc_expires_on", UNSET))


        def _parse_kyc_status(data: object) -> ClientPatchKycStatusType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                kyc_status_type_0 = ClientPatchKycStatusType0(data)



                return kyc_status_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ClientPatchKycStatusType0 | None | Unset, data)

        kyc_status = _parse_kyc_status(d.pop("kyc_status", UNSET))


        def _parse_locale(data: object) -> ClientPatchLocaleType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                locale_type_0 = ClientPatchLocaleType0(data)



                return locale_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ClientPatchLocaleType0 | None | Unset, data)

        locale = _parse_locale(d.pop("locale", UNSET))


        def _parse_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        name = _parse_name(d.pop("name", UNSET))


        def _parse_phone(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        phone = _parse_phone(d.pop("phone", UNSET))


        def _parse_preferred_channel(data: object) -> ClientPatchPreferredChannelType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                preferred_channel_type_0 = ClientPatchPreferredChannelType0(data)



                return preferred_channel_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ClientPatchPreferredChannelType0 | None | Unset, data)

        preferred_channel = _parse_preferred_channel(d.pop("preferred_channel", UNSET))


        def _parse_risk_answers(data: object) -> ClientPatchRiskAnswersType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                risk_answers_type_0 = ClientPatchRiskAnswersType0.from_dict(data)



                return risk_answers_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ClientPatchRiskAnswersType0 | None | Unset, data)

        risk_answers = _parse_risk_answers(d.pop("risk_answers", UNSET))


        def _parse_risk_level(data: object) -> ClientPatchRiskLevelType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                risk_level_type_0 = ClientPatchRiskLevelType0(data)



                return risk_level_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ClientPatchRiskLevelType0 | None | Unset, data)

        risk_level = _parse_risk_level(d.pop("risk_level", UNSET))


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


        def _parse_status(data: object) -> ClientPatchStatusType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                status_type_0 = ClientPatchStatusType0(data)



                return status_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ClientPatchStatusType0 | None | Unset, data)

        status = _parse_status(d.pop("status", UNSET))


        def _parse_tags(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                tags_type_0 = cast(list[str], data)

                return tags_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        tags = _parse_tags(d.pop("tags", UNSET))


        def _parse_team_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        team_id = _parse_team_id(d.pop("team_id", UNSET))


        def _parse_timezone(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        timezone = _parse_timezone(d.pop("timezone", UNSET))


        def _parse_wecom_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        wecom_id = _parse_wecom_id(d.pop("wecom_id", UNSET))


        client_patch = cls(
            advisor_id=advisor_id,
            birthday=birthday,
            contract_end=contract_end,
            custom_fields=custom_fields,
            email=email,
            external_ids=external_ids,
            investment_preferences=investment_preferences,
            kind=kind,
            kyc_expires_on=kyc_expires_on,
            kyc_status=kyc_status,
            locale=locale,
            name=name,
            phone=phone,
            preferred_channel=preferred_channel,
            risk_answers=risk_answers,
            risk_level=risk_level,
            signed_on=signed_on,
            source_channel=source_channel,
            status=status,
            tags=tags,
            team_id=team_id,
            timezone=timezone,
            wecom_id=wecom_id,
        )

        return client_patch

