from enum import StrEnum

class RuleInPeriod(StrEnum):
    ALWAYS = "always"
    DAY = "day"
    MONTH = "month"
    ONCE = "once"
    QUARTER = "quarter"
    YEAR = "year"

    def __str__(self) -> str:
        return str(self.value)
