from enum import StrEnum

class ListEventsStatusType0(StrEnum):
    APPROVED = "approved"
    DRAFT = "draft"
    REJECTED = "rejected"

    def __str__(self) -> str:
        return str(self.value)
