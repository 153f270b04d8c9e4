"""Task queues and names shared by the worker, the workflows service and tests."""

PROCESSES_TASK_QUEUE = "clientflow-processes"
