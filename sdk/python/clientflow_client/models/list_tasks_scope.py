from enum import StrEnum

class ListTasksScope(StrEnum):
    ALL = "all"
    MINE = "mine"
    TEAM = "team"

    def __str__(self) -> str:
        return str(self.value)
