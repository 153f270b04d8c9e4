"""Task queues and names shared by the worker, the workflows service and tests."""

PROCESSES_TASK_QUEUE = "clientflow-processes"

# Third-party modules workflow code may use as they are (deterministic, import-heavy):
# the holiday calendars behind SLA clocks load their data lazily on first use.
PASSTHROUGH_MODULES = ("holidays", "dateutil", "chinese_calendar")
