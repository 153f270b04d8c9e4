from enum import StrEnum

class TimelineItemKind(StrEnum):
    AUDIT = "audit"
    INTERACTION = "interaction"
    MESSAGE = "message"
    PROCESS = "process"
    REPORT = "report"
    REQUEST = "request"

    def __str__(self) -> str:
        return str(self.value)
