from enum import StrEnum

class PortalEventOutStatus(StrEnum):
    OPEN = "open"
    PAID = "paid"
    PARTLY_PAID = "partly_paid"

    def __str__(self) -> str:
        return str(self.value)
