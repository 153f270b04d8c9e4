from enum import StrEnum

class TimelineChannelType0Item(StrEnum):
    CALL = "call"
    EMAIL = "email"
    EVENT = "event"
    MEETING = "meeting"
    PORTAL_LOGIN = "portal_login"
    WECHAT = "wechat"

    def __str__(self) -> str:
        return str(self.value)
