from enum import StrEnum

class DeliveryOutStatus(StrEnum):
    ACCEPTED = "accepted"
    DEFERRED = "deferred"
    FAILED = "failed"
    RETRYING = "retrying"
    SENDING = "sending"
    SENT = "sent"
    SUPPRESSED = "suppressed"

    def __str__(self) -> str:
        return str(self.value)
