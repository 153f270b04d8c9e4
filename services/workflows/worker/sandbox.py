"""The workflow sandbox every worker and replayer uses."""

from __future__ import annotations

from temporalio.worker.workflow_sandbox import SandboxedWorkflowRunner, SandboxRestrictions

# Third-party modules workflow code may use as they are (deterministic, import-heavy):
# the holiday calendars behind SLA clocks load their data lazily on first use.
PASSTHROUGH_MODULES = ("holidays", "dateutil", "chinese_calendar")


def workflow_runner() -> SandboxedWorkflowRunner:
    return SandboxedWorkflowRunner(
        restrictions=SandboxRestrictions.default.with_passthrough_modules(*PASSTHROUGH_MODULES)
    )
