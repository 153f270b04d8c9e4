from enum import StrEnum

class SendInChannelType0(StrEnum):
    EMAIL = "email"
    SMS = "sms"
    WECOM = "wecom"

    def __str__(self) -> str:
        return str(self.value)
