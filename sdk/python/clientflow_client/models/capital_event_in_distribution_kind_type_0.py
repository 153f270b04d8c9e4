from enum import StrEnum

class CapitalEventInDistributionKindType0(StrEnum):
    GAIN = "gain"
    INCOME = "income"
    RETURN_OF_CAPITAL = "return_of_capital"

    def __str__(self) -> str:
        return str(self.value)
