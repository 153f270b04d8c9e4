from enum import StrEnum

class TransactionInKind(StrEnum):
    DIVIDEND = "dividend"
    FEE = "fee"
    REDEMPTION = "redemption"
    SUBSCRIPTION = "subscription"

    def __str__(self) -> str:
        return str(self.value)
