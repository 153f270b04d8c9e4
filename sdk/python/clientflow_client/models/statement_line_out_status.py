from enum import StrEnum

class StatementLineOutStatus(StrEnum):
    ALREADY_RECORDED = "already_recorded"
    MATCHED = "matched"
    UNMATCHED = "unmatched"

    def __str__(self) -> str:
        return str(self.value)
