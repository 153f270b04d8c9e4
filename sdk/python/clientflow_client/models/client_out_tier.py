from enum import StrEnum

class ClientOutTier(StrEnum):
    CORE = "CORE"
    GROWTH = "GROWTH"
    STRATEGIC = "STRATEGIC"

    def __str__(self) -> str:
        return str(self.value)
