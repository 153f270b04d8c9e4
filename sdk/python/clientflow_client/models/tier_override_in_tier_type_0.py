from enum import StrEnum

class TierOverrideInTierType0(StrEnum):
    CORE = "CORE"
    GROWTH = "GROWTH"
    STRATEGIC = "STRATEGIC"

    def __str__(self) -> str:
        return str(self.value)
