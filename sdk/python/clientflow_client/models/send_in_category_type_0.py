from enum import StrEnum

class SendInCategoryType0(StrEnum):
    MARKETING = "marketing"
    SERVICE = "service"

    def __str__(self) -> str:
        return str(self.value)
