from enum import StrEnum

class ClientPatchKycStatusType0(StrEnum):
    EXPIRED = "expired"
    PENDING = "pending"
    VERIFIED = "verified"

    def __str__(self) -> str:
        return str(self.value)
