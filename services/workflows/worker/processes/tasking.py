"""The Updates and the progress query every process with human tasks exposes."""

from __future__ import annotations

from temporalio import workflow

with workflow.unsafe.imports_passed_through():
    from services.workflows.contract import (
        CancelReason,
        ProcessProgress,
        StepRecord,
        TaskAction,
        TaskView,
    )
    from services.workflows.worker.human import HumanTasks


class TaskingWorkflow:
    """Mixin: a workflow sets `self.tasks = HumanTasks(kind)` and `self.step` as it goes;
    `self.enter(step)` also records the step in the history the progress view shows."""

    tasks: HumanTasks
    step: str = "starting"
    cancel_reason: CancelReason | None = None
    # Who and until when the process waits when no task is open (e.g. "the client").
    waiting_hint: str = ""
    due_hint: str = ""

    def items(self) -> tuple[int, int]:
        """(taken on, finished) for a process over many items; (0, 0) otherwise."""
        return 0, 0

    def enter(self, step: str) -> None:
        """Move to `step`, recorded (with when) in the progress history; the client-safe
        view shows steps, so name them in words a client may read."""
        self.step = step
        self._milestones().append(StepRecord(workflow.now().isoformat(), "step", step))

    def note(self, detail: str) -> None:
        """An internal remark in the history (staff only)."""
        self._milestones().append(StepRecord(workflow.now().isoformat(), "note", detail))

    def _milestones(self) -> list[StepRecord]:
        if not hasattr(self, "milestones"):
            self.milestones: list[StepRecord] = []
        return self.milestones

    @workflow.signal(name="cancel_reason")
    def record_cancel_reason(self, reason: CancelReason) -> None:
        """Sent by the workflows service just before it cancels the process, so the
        process can say why it stopped: recorded in the progress of every kind."""
        self.cancel_reason = reason
        self._milestones().append(
            StepRecord(
                workflow.now().isoformat(), "cancelled", reason.reason or "cancelled", reason.by
            )
        )

    @workflow.update(name="complete_task")
    def complete_task(self, action: TaskAction) -> TaskView:
        return self.tasks.apply(action, "complete")

    @complete_task.validator
    def _validate_complete(self, action: TaskAction) -> None:
        self.tasks.validate(action, "complete")

    @workflow.update(name="claim_task")
    def claim_task(self, action: TaskAction) -> TaskView:
        return self.tasks.apply(action, "claim")

    @claim_task.validator
    def _validate_claim(self, action: TaskAction) -> None:
        self.tasks.validate(action, "claim")

    @workflow.update(name="release_task")
    def release_task(self, action: TaskAction) -> TaskView:
        return self.tasks.apply(action, "release")

    @release_task.validator
    def _validate_release(self, action: TaskAction) -> None:
        self.tasks.validate(action, "release")

    @workflow.update(name="reassign_task")
    def reassign_task(self, action: TaskAction) -> TaskView:
        return self.tasks.apply(action, "reassign")

    @reassign_task.validator
    def _validate_reassign(self, action: TaskAction) -> None:
        self.tasks.validate(action, "reassign")

    @workflow.update(name="pause_task")
    def pause_task(self, action: TaskAction) -> TaskView:
        return self.tasks.apply(action, "pause")

    @pause_task.validator
    def _validate_pause(self, action: TaskAction) -> None:
        self.tasks.validate(action, "pause")

    @workflow.update(name="resume_task")
    def resume_task(self, action: TaskAction) -> TaskView:
        return self.tasks.apply(action, "resume")

    @resume_task.validator
    def _validate_resume(self, action: TaskAction) -> None:
        self.tasks.validate(action, "resume")

    @workflow.update(name="extend_task")
    def extend_task(self, action: TaskAction) -> TaskView:
        return self.tasks.apply(action, "extend")

    @extend_task.validator
    def _validate_extend(self, action: TaskAction) -> None:
        self.tasks.validate(action, "extend")

    @workflow.query(name="progress")
    def progress(self) -> ProcessProgress:
        views = [self.tasks.view(state) for state in self.tasks.tasks.values()]
        waiting = [v for v in views if v.status not in ("done", "cancelled")]
        steps = sorted(
            [*self._milestones(), *(record for v in views for record in v.history)],
            key=lambda record: record.at,
        )
        current = waiting[0] if waiting else None
        return ProcessProgress(
            kind=self.tasks.process_kind,
            current_step=self.step,
            waiting_on=(
                (current.claimed_by or current.assignee_user or f"role {current.assignee_role}")
                if current
                else self.waiting_hint
            ),
            due_at=current.due_at if current else self.due_hint,
            tasks=tuple(views),
            steps=tuple(steps),
            items_total=self.items()[0],
            items_done=self.items()[1],
        )
