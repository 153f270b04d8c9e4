"""Pro-rata allocation in exact cents: the split always sums to the call, the remainder goes
by the stated rule, and the same inputs give the same split."""

from __future__ import annotations

import random
from decimal import Decimal

import pytest

from services.clients.allocation import allocate


def test_an_awkward_remainder_goes_to_the_largest_fractions() -> None:
    # 100.00 over three equal commitments: 33.33 each and one cent left, which goes to the
    # smallest client id (equal fractions, equal commitments).
    split = allocate(Decimal("100.00"), {"c": Decimal(1), "a": Decimal(1), "b": Decimal(1)})
    assert split == {"a": Decimal("33.34"), "b": Decimal("33.33"), "c": Decimal("33.33")}
    # 1,000,000.00 over 3,000,000 / 2,000,000 / 1,000,000 + 1: fractions decide.
    uneven = allocate(
        Decimal("1000000.00"),
        {"x": Decimal("3000000"), "y": Decimal("2000000"), "z": Decimal("1000001")},
    )
    assert sum(uneven.values()) == Decimal("1000000.00")
    assert uneven == {
        "x": Decimal("499999.92"),
        "y": Decimal("333333.28"),
        "z": Decimal("166666.80"),
    }


def test_every_split_sums_to_the_total() -> None:
    rng = random.Random(3)
    for _ in range(500):
        investors = {
            f"c{i:03d}": Decimal(rng.randint(1, 10**9)) / 100 for i in range(rng.randint(1, 40))
        }
        total = Decimal(rng.randint(1, 10**11)) / 100
        split = allocate(total, investors)
        assert sum(split.values()) == total
        assert all(v >= 0 for v in split.values())
        assert split == allocate(total, dict(reversed(list(investors.items()))))


def test_refuses_what_it_cannot_split() -> None:
    with pytest.raises(ValueError, match="two decimal places"):
        allocate(Decimal("1.005"), {"a": Decimal(1)})
    with pytest.raises(ValueError, match="no commitments"):
        allocate(Decimal("1.00"), {})
