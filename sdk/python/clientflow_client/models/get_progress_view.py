from enum import StrEnum

class GetProgressView(StrEnum):
    CLIENT = "client"
    STAFF = "staff"

    def __str__(self) -> str:
        return str(self.value)
