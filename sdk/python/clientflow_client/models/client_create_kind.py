from enum import StrEnum

class ClientCreateKind(StrEnum):
    INDIVIDUAL = "individual"
    INSTITUTION = "institution"

    def __str__(self) -> str:
        return str(self.value)
