from enum import StrEnum

class PortalEventOutKind(StrEnum):
    CALL = "call"
    DISTRIBUTION = "distribution"

    def __str__(self) -> str:
        return str(self.value)
