"""An import's seen keys: the first row of each key, as a dict would say, in flat arrays."""

from __future__ import annotations

import random
import sys

from services.clients.import_keys import SeenKeys


def test_each_key_names_the_first_row_that_had_it_through_every_growth() -> None:
    rng = random.Random(7)
    seen = SeenKeys(capacity=8)
    expected: dict[int, int] = {}
    for row in range(2, 20_000):
        for kind in ("external_id", "phone", "email"):
            key = SeenKeys.key(kind, str(rng.randrange(15_000)))
            assert seen.row_of(key) == expected.get(key)
            seen.add(key, row)
            expected.setdefault(key, row)
    assert len(seen) == len(expected)
    assert all(seen.row_of(key) == row for key, row in expected.items())
    assert seen.row_of(SeenKeys.key("email", "never@example.com")) is None


def test_a_key_costs_a_fraction_of_a_dict_entry() -> None:
    seen = SeenKeys()
    for row in range(100_000):
        seen.add(SeenKeys.key("email", f"c{row}@example.com"), row)
    flat = sys.getsizeof(seen._keys) + sys.getsizeof(seen._rows)
    assert flat / len(seen) < 40  # a dict of int -> int: about 80 bytes a key with its ints
