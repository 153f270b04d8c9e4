from enum import StrEnum

class ListDeliveriesStatusType0(StrEnum):
    ACCEPTED = "accepted"
    DEFERRED = "deferred"
    FAILED = "failed"
    IN_DOUBT = "in_doubt"
    RETRYING = "retrying"
    SENDING = "sending"
    SENT = "sent"
    SUPPRESSED = "suppressed"

    def __str__(self) -> str:
        return str(self.value)
