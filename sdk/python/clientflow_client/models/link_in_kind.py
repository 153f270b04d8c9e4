from enum import StrEnum

class LinkInKind(StrEnum):
    FAMILY = "family"
    REFERRED_BY = "referred_by"
    SAME_GROUP = "same_group"

    def __str__(self) -> str:
        return str(self.value)
