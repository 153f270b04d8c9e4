from enum import StrEnum

class RuleOutAction(StrEnum):
    NOTIFY = "notify"
    SIGNAL_PROCESS = "signal_process"
    START_PROCESS = "start_process"
    VALUE_0 = ""

    def __str__(self) -> str:
        return str(self.value)
