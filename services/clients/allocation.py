"""Splitting an amount among investors pro rata to their commitments, in exact cents.

The rule (largest remainder, stated so an investor can check it): each investor's exact share
`total * commitment / sum(commitments)` is rounded down to the cent; the cents left over (fewer
than the number of investors) go one each to the investors with the largest dropped
fractions, ties to the larger commitment, then to the smaller client id. The allocations
always sum to the total, and the same inputs always give the same split.
"""

from __future__ import annotations

from decimal import ROUND_FLOOR, Decimal, localcontext

CENT = Decimal("0.01")


def allocate(total: Decimal, commitments: dict[str, Decimal]) -> dict[str, Decimal]:
    """`total` (two places at most) split over `commitments` (client id → amount > 0)."""
    if total != total.quantize(CENT):
        raise ValueError(f"{total} has more than two decimal places")
    weight = sum(commitments.values(), Decimal(0))
    if not commitments or weight <= 0:
        raise ValueError("no commitments to allocate over")
    with localcontext() as context:
        context.prec = 80  # exact for any MONEY amounts
        cents = int(total / CENT)
        exact = {k: Decimal(cents) * amount / weight for k, amount in commitments.items()}
        base = {k: int(v.to_integral_value(rounding=ROUND_FLOOR)) for k, v in exact.items()}
        left = cents - sum(base.values())
        order = sorted(commitments, key=lambda k: (-(exact[k] - base[k]), -commitments[k], k))
        for key in order[:left]:
            base[key] += 1
    return {k: (Decimal(v) * CENT).quantize(CENT) for k, v in base.items()}
