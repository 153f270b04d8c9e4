"""Parsing and validating client fields; every failure names the field and the value."""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from services.clients.models import RISK_LEVELS, Channel, ClientKind, KycStatus, Stage, Tier
from services.common.errors import InvalidArgument

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
PHONE = re.compile(r"^\+?[0-9][0-9 \-]{5,30}$")
TAG = re.compile(r"^[\w\-.: ]{1,64}$", re.UNICODE)
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
LOCALES = ("zh-CN", "en")
STATUSES = ("active", "archived")


def text(field: str, value: Any, *, max_length: int, required: bool = False) -> str | None:
    """Trimmed text or None; rejects non-strings, control characters and overlong values."""
    if value is None or value == "":
        if required:
            raise InvalidArgument(field, value, "must not be empty")
        return None
    if not isinstance(value, str):
        raise InvalidArgument(field, value, "must be text")
    cleaned = value.strip()
    if required and not cleaned:
        raise InvalidArgument(field, value, "must not be empty")
    if len(cleaned) > max_length:
        raise InvalidArgument(field, f"{cleaned[:20]}…", f"must be at most {max_length} characters")
    if CONTROL.search(cleaned):
        raise InvalidArgument(field, cleaned, "must not contain control characters")
    return cleaned or None


def choice(field: str, value: Any, allowed: Any, *, required: bool = False) -> str | None:
    """One of `allowed` (an iterable or StrEnum), or None when empty and not required."""
    options = [str(v) for v in allowed]
    if value in (None, ""):
        if required:
            raise InvalidArgument(field, value, f"must be one of {', '.join(options)}")
        return None
    if value not in options:
        raise InvalidArgument(field, value, f"must be one of {', '.join(options)}")
    return str(value)


def iso_date(field: str, value: Any) -> date | None:
    """YYYY-MM-DD or None."""
    if value in (None, ""):
        return None
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise InvalidArgument(field, value, "must be a date as YYYY-MM-DD") from None


def decimal(
    field: str, value: Any, *, minimum: Decimal | None = None, required: bool = True
) -> Decimal | None:
    """A finite decimal from a string or number."""
    if value in (None, ""):
        if required:
            raise InvalidArgument(field, value, "must be a decimal number")
        return None
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        raise InvalidArgument(field, value, "must be a decimal number") from None
    if not number.is_finite() or abs(number) >= Decimal("1e18"):
        raise InvalidArgument(field, value, "must be a finite number below 10^18")
    if minimum is not None and number < minimum:
        raise InvalidArgument(field, value, f"must be at least {minimum}")
    return number


MONEY_PLACES = 2
UNIT_PLACES = 6


def scaled(
    field: str, value: Any, *, places: int, minimum: Decimal | None = None, required: bool = True
) -> Decimal | None:
    """A decimal at the scale it is stored with (money 2 places, units 6), so a write answers
    with the same text a read gives; more places than that is refused, never rounded."""
    number = decimal(field, value, minimum=minimum, required=required)
    if number is None:
        return None
    step = Decimal(1).scaleb(-places)
    if number != number.quantize(step):
        raise InvalidArgument(field, value, f"must have at most {places} decimal places")
    return number.quantize(step)


def email(field: str, value: Any) -> str | None:
    cleaned = text(field, value, max_length=254)
    if cleaned is not None and not EMAIL.match(cleaned):
        raise InvalidArgument(field, value, "is not an email address")
    return cleaned.lower() if cleaned else None


def phone(field: str, value: Any) -> str | None:
    cleaned = text(field, value, max_length=32)
    if cleaned is not None and not PHONE.match(cleaned):
        raise InvalidArgument(
            field, value, "is not a phone number (digits, spaces, dashes, optional +)"
        )
    return re.sub(r"[ \-]", "", cleaned) if cleaned else None


def timezone(field: str, value: Any) -> str | None:
    cleaned = text(field, value, max_length=64)
    if cleaned is None:
        return None
    try:
        ZoneInfo(cleaned)
    except (ZoneInfoNotFoundError, ValueError):
        raise InvalidArgument(
            field, value, "is not an IANA time zone such as Asia/Shanghai"
        ) from None
    return cleaned


def tags(field: str, value: Any) -> list[str]:
    """Distinct, trimmed tags, at most 50."""
    if value in (None, ""):
        return []
    if not isinstance(value, list | tuple):
        raise InvalidArgument(field, value, "must be a list of tags")
    result: list[str] = []
    for item in value:
        if not isinstance(item, str) or not TAG.match(item.strip()):
            raise InvalidArgument(
                field, item, "is not a tag (letters, digits, - . : _ and spaces, 1-64)"
            )
        if item.strip() not in result:
            result.append(item.strip())
    if len(result) > 50:
        raise InvalidArgument(field, len(result), "must have at most 50 tags")
    return result


def kind(value: Any) -> str:
    return choice("kind", value, ClientKind, required=True)  # type: ignore[return-value]


def channel(field: str, value: Any) -> str | None:
    return choice(field, value, Channel)


def locale(value: Any) -> str | None:
    return choice("locale", value, LOCALES)


def status(value: Any) -> str | None:
    return choice("status", value, STATUSES)


def kyc_status(value: Any) -> str | None:
    return choice("kyc_status", value, KycStatus)


def risk_level(value: Any) -> str | None:
    return choice("risk_level", value, RISK_LEVELS)


def tier(field: str, value: Any, *, required: bool = True) -> str | None:
    return choice(field, value, Tier, required=required)


def stage(field: str, value: Any) -> str:
    return choice(field, value, Stage, required=True)  # type: ignore[return-value]


def no_nul(field: str, value: Any) -> Any:
    """Reject NUL anywhere in a JSON value (PostgreSQL text and JSONB cannot hold it)."""
    if isinstance(value, str) and "\x00" in value:
        raise InvalidArgument(
            field, value.replace("\x00", "\\0"), "must not contain NUL characters"
        )
    if isinstance(value, dict):
        for key, item in value.items():
            no_nul(f"{field}.{key}", key)
            no_nul(f"{field}.{key}", item)
    if isinstance(value, list):
        for item in value:
            no_nul(field, item)
    return value


def json_object(field: str, value: Any, *, max_keys: int = 200) -> dict[str, Any]:
    if value in (None, ""):
        return {}
    if not isinstance(value, dict):
        raise InvalidArgument(field, value, "must be an object")
    if len(value) > max_keys:
        raise InvalidArgument(field, len(value), f"must have at most {max_keys} keys")
    return dict(no_nul(field, value))
