from enum import StrEnum

class TemplateInCategory(StrEnum):
    MARKETING = "marketing"
    SERVICE = "service"

    def __str__(self) -> str:
        return str(self.value)
