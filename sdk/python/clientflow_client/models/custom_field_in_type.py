from enum import StrEnum

class CustomFieldInType(StrEnum):
    BOOLEAN = "boolean"
    DATE = "date"
    MULTI_CHOICE = "multi_choice"
    NUMBER = "number"
    SINGLE_CHOICE = "single_choice"
    TEXT = "text"

    def __str__(self) -> str:
        return str(self.value)
