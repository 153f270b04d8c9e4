from enum import StrEnum

class CapitalEventInKind(StrEnum):
    CALL = "call"
    DISTRIBUTION = "distribution"

    def __str__(self) -> str:
        return str(self.value)
