from enum import StrEnum

class CapitalEventOutStatus(StrEnum):
    APPROVED = "approved"
    DRAFT = "draft"
    REJECTED = "rejected"

    def __str__(self) -> str:
        return str(self.value)
