from enum import StrEnum

class ClientOutLifecycleStage(StrEnum):
    ACTIVE = "ACTIVE"
    CHURNED = "CHURNED"
    DECLINING = "DECLINING"
    DORMANT = "DORMANT"
    GROWING = "GROWING"
    ONBOARDING = "ONBOARDING"
    PROSPECT = "PROSPECT"

    def __str__(self) -> str:
        return str(self.value)
