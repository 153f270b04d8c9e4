from enum import StrEnum

class TimelineKindType0Item(StrEnum):
    AUDIT = "audit"
    INTERACTION = "interaction"
    MESSAGE = "message"
    PROCESS = "process"
    REPORT = "report"
    REQUEST = "request"

    def __str__(self) -> str:
        return str(self.value)
