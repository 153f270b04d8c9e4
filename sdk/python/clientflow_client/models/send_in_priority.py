from enum import StrEnum

class SendInPriority(StrEnum):
    NORMAL = "normal"
    URGENT = "urgent"

    def __str__(self) -> str:
        return str(self.value)
