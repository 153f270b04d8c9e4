from enum import StrEnum

class RelatedPersonInRole(StrEnum):
    ASSISTANT = "assistant"
    DECISION_MAKER = "decision_maker"
    FAMILY_MEMBER = "family_member"
    INFLUENCER = "influencer"

    def __str__(self) -> str:
        return str(self.value)
