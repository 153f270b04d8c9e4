"""Bank statements read into credit entries: SWIFT MT940 (the `mt-940` package) or CSV
(`date,amount,reference` with a header row). Debits are skipped: a statement is imported to
find the money investors sent.

Bounded like the other imports: at most 2 MB and 10,000 entries. A malformed file is refused
as a whole with the line it fails on (INVALID_ARGUMENT, field `content`), so nothing of it is
recorded; a well-formed entry that matches nothing is the matcher's business, not an error.
"""

from __future__ import annotations

import csv
import io
import logging
import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

import mt940

from services.common.errors import InvalidArgument

MAX_BYTES = 2 * 1024 * 1024
MAX_ENTRIES = 10_000
FORMATS = ("mt940", "csv")
# The reference a capital call notice asks investors to quote (see payment_reference).
REFERENCE = re.compile(r"CF-?([0-9A-F]{8})-?([0-9A-F]{8})", re.IGNORECASE)

# The parser logs every failed pattern at length; a refused file is our error message.
logging.getLogger("mt940").setLevel(logging.CRITICAL)


@dataclass(frozen=True)
class Entry:
    line: int
    booked_on: date
    amount: Decimal
    reference: str
    # The bank's own id of the entry, when it gives one (MT940 :61: bank reference).
    bank_reference: str = ""


def payment_reference(event_id: str, client_id: str) -> str:
    """What an investor quotes on the transfer for one call: short, case-insensitive, and
    found in free text (an MT940 :86: line, a CSV memo)."""
    return f"CF-{event_id.replace('-', '')[:8].upper()}-{client_id.replace('-', '')[:8].upper()}"


def parse(content: bytes, fmt: str) -> list[Entry]:
    if fmt not in FORMATS:
        raise InvalidArgument("format", fmt, f"must be one of {', '.join(FORMATS)}")
    if not content:
        raise InvalidArgument("content", "(empty)", "is an empty file")
    if len(content) > MAX_BYTES:
        raise InvalidArgument("content", f"{len(content)} bytes", f"must be at most {MAX_BYTES}")
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = content[: error.start].count(b"\n") + 1
        raise InvalidArgument("content", f"line {line}", "is not UTF-8 text") from None
    entries = _mt940(text) if fmt == "mt940" else _csv(text)
    if len(entries) > MAX_ENTRIES:
        raise InvalidArgument(
            "content", f"{len(entries)} entries", f"must hold at most {MAX_ENTRIES}; split it"
        )
    return entries


def _malformed(line: int, text: str, why: str) -> InvalidArgument:
    return InvalidArgument("content", f"line {line}: {text[:60]}", why)


def _mt940(text: str) -> list[Entry]:
    lines = text.splitlines()
    starts = [n for n, raw in enumerate(lines, 1) if raw.startswith(":61:")]
    if not any(raw.startswith(":20:") for raw in lines):
        raise _malformed(1, lines[0] if lines else "", "is not an MT940 statement (no :20: tag)")
    statement = _read(text)
    if statement is None:
        number = _failing_line(lines, starts)
        raise _malformed(number, lines[number - 1], "cannot be read as MT940")
    entries: list[Entry] = []
    for index, transaction in enumerate(statement):
        number = starts[index] if index < len(starts) else 1
        data = transaction.data
        amount = data.get("amount")
        if data.get("date") is None or amount is None or amount.currency is None:
            raise _malformed(number, lines[number - 1], "has no value date, amount or currency")
        if data.get("status") not in ("C", "RD"):  # credits (and reversed debits) only
            continue
        credit = abs(Decimal(str(amount.amount)))
        if credit != credit.quantize(Decimal("0.01")):
            raise _malformed(number, lines[number - 1], "has an amount with more than 2 places")
        details = " ".join(
            str(data.get(key) or "")
            for key in ("transaction_details", "customer_reference", "extra_details")
        )
        entries.append(
            Entry(
                line=number,
                booked_on=date(data["date"].year, data["date"].month, data["date"].day),
                amount=credit,
                reference=" ".join(details.split())[:300],
                bank_reference=str(data.get("bank_reference") or "")[:40],
            )
        )
    return entries


def _read(text: str) -> Any:
    """The parsed statement, or None when the parser refuses it (its errors are not one
    family: any is a refusal)."""
    statement = mt940.models.Transactions()
    try:
        statement.parse(text)
    except Exception:
        return None
    return statement


def _failing_line(lines: list[str], starts: list[int]) -> int:
    """The line of the first entry the parser refuses: the header and the first k entries
    are parsed for a k found by bisection (the error path only; a dozen parses at most)."""
    if not starts:
        return 1
    head = lines[: starts[0] - 1]

    def upto(count: int) -> str:
        end = starts[count] - 1 if count < len(starts) else len(lines)
        return "\n".join(head + lines[starts[0] - 1 : end])

    if _read("\n".join(head)) is None:
        return 1
    low, high = 0, len(starts)  # the header and `low` entries read; `high` do not
    while high - low > 1:
        middle = (low + high) // 2
        if _read(upto(middle)) is None:
            high = middle
        else:
            low = middle
    return starts[high - 1]


def _csv(text: str) -> list[Entry]:
    reader = csv.reader(io.StringIO(text))
    try:
        return _csv_rows(reader)
    except csv.Error as error:
        raise _malformed(reader.line_num, "", f"is not CSV ({error})") from None


def _csv_rows(reader: Any) -> list[Entry]:
    header = [cell.strip().lower() for cell in next(reader, [])]
    missing = [name for name in ("date", "amount", "reference") if name not in header]
    if missing:
        raise _malformed(1, ",".join(header), "needs the columns date, amount, reference")
    at = {name: header.index(name) for name in ("date", "amount", "reference")}
    entries: list[Entry] = []
    for row in reader:
        number = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        if len(row) < len(header):
            raise _malformed(number, ",".join(row), f"has {len(row)} columns, not {len(header)}")
        raw_date, raw_amount = row[at["date"]].strip(), row[at["amount"]].strip()
        try:
            booked = date.fromisoformat(raw_date)
        except ValueError:
            raise _malformed(number, raw_date, "has no date as YYYY-MM-DD") from None
        try:
            amount = Decimal(raw_amount.replace(",", ""))
        except InvalidOperation:
            raise _malformed(number, raw_amount, "has no amount") from None
        if not amount.is_finite() or amount != amount.quantize(Decimal("0.01")):
            raise _malformed(number, raw_amount, "must be an amount with at most 2 places")
        if amount <= 0:
            continue  # money going out
        entries.append(Entry(number, booked, amount, row[at["reference"]].strip()[:300]))
        if len(entries) > MAX_ENTRIES:
            break
    return entries
