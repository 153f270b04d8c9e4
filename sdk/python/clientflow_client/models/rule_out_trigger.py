from enum import StrEnum

class RuleOutTrigger(StrEnum):
    DATE = "date"
    EVENT = "event"

    def __str__(self) -> str:
        return str(self.value)
