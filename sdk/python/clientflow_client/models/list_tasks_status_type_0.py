from enum import StrEnum

class ListTasksStatusType0(StrEnum):
    CANCELLED = "cancelled"
    CLAIMED = "claimed"
    DONE = "done"
    ESCALATED = "escalated"
    OPEN = "open"

    def __str__(self) -> str:
        return str(self.value)
