from enum import StrEnum

class AddressInChannel(StrEnum):
    EMAIL = "email"
    SMS = "sms"
    WEBHOOK = "webhook"
    WECOM = "wecom"

    def __str__(self) -> str:
        return str(self.value)
