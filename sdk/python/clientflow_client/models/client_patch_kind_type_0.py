from enum import StrEnum

class ClientPatchKindType0(StrEnum):
    INDIVIDUAL = "individual"
    INSTITUTION = "institution"

    def __str__(self) -> str:
        return str(self.value)
