"""Bank statements read into credits: MT940 and CSV, debits skipped, and every malformed file
refused with the line it fails on."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from services.clients.bank_statements import MAX_BYTES, parse, payment_reference
from services.common.errors import InvalidArgument

MT940 = b"""\
:20:STMT
:25:CN001/CNY
:28C:1/1
:60F:C261201CNY0,00
:61:2612030403C1000,50NTRFNONREF//B1
:86:CF-1A2B3C4D-5E6F7A8B first
:61:2612040404D10,00NMSCNONREF
:86:fee
:62F:C261204CNY990,50
"""


def test_mt940_credits_with_their_lines() -> None:
    [entry] = parse(MT940, "mt940")
    assert (entry.line, entry.booked_on, entry.amount) == (5, date(2026, 12, 3), Decimal("1000.50"))
    assert "CF-1A2B3C4D-5E6F7A8B" in entry.reference and entry.bank_reference == "B1"


@pytest.mark.parametrize(
    ("content", "fmt", "line"),
    [
        (MT940.replace(b":61:2612040404D", b":61:2613040404D"), "mt940", 7),
        (MT940.replace(b"C1000,50", b"C1000,505"), "mt940", 5),
        (b"hello\n", "mt940", 1),
        (b"date,amount,reference\n2026-12-01,12.5,x\n2026-13-01,1,y\n", "csv", 3),
        (b"date,amount,reference\n2026-12-01,1.001,x\n", "csv", 2),
        (b"date,amount,reference\n2026-12-01,1\x00,x\n", "csv", 2),
        (b"when,amount,reference\n", "csv", 1),
    ],
)
def test_a_malformed_file_names_its_line(content: bytes, fmt: str, line: int) -> None:
    with pytest.raises(InvalidArgument) as refused:
        parse(content, fmt)
    assert refused.value.field == "content"
    assert str(refused.value.value).startswith(f"line {line}:"), refused.value


def test_bounds_and_the_reference() -> None:
    with pytest.raises(InvalidArgument, match="at most"):
        parse(b"x" * (MAX_BYTES + 1), "csv")
    with pytest.raises(InvalidArgument):
        parse(b"", "csv")
    with pytest.raises(InvalidArgument):
        parse(b"a", "ofx")
    assert payment_reference(
        "1a2b3c4d-0000-4000-8000-000000000000", "5e6f7a8b-1111-4000-8000-000000000000"
    ) == ("CF-1A2B3C4D-5E6F7A8B")
    csv = b"date,amount,reference\n2026-12-01,-5.00,refund\n2026-12-01,1200,CF-1\n"
    [credit] = parse(csv, "csv")
    assert credit.amount == Decimal("1200") and credit.line == 3
