from enum import StrEnum

class MyRequestsStatusType0(StrEnum):
    CLOSED = "closed"
    OPEN = "open"
    RESOLVED = "resolved"

    def __str__(self) -> str:
        return str(self.value)
