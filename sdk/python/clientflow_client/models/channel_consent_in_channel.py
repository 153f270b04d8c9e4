from enum import StrEnum

class ChannelConsentInChannel(StrEnum):
    EMAIL = "email"
    SMS = "sms"
    WECOM = "wecom"

    def __str__(self) -> str:
        return str(self.value)
