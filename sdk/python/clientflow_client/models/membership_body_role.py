from enum import StrEnum

class MembershipBodyRole(StrEnum):
    ADVISOR = "advisor"
    MANAGER = "manager"
    MEMBER = "member"

    def __str__(self) -> str:
        return str(self.value)
