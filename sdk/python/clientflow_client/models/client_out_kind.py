from enum import StrEnum

class ClientOutKind(StrEnum):
    INDIVIDUAL = "individual"
    INSTITUTION = "institution"

    def __str__(self) -> str:
        return str(self.value)
