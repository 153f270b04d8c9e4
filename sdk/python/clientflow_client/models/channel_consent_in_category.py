from enum import StrEnum

class ChannelConsentInCategory(StrEnum):
    MARKETING = "marketing"
    SERVICE = "service"

    def __str__(self) -> str:
        return str(self.value)
