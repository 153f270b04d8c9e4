from enum import StrEnum

class ClientCreatePreferredChannelType0(StrEnum):
    EMAIL = "email"
    PHONE = "phone"
    SMS = "sms"
    WECOM = "wecom"

    def __str__(self) -> str:
        return str(self.value)
