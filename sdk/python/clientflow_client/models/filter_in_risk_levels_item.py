from enum import StrEnum

class FilterInRiskLevelsItem(StrEnum):
    C1 = "C1"
    C2 = "C2"
    C3 = "C3"
    C4 = "C4"
    C5 = "C5"

    def __str__(self) -> str:
        return str(self.value)
