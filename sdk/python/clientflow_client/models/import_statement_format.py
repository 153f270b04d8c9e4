from enum import StrEnum

class ImportStatementFormat(StrEnum):
    CSV = "csv"
    MT940 = "mt940"

    def __str__(self) -> str:
        return str(self.value)
