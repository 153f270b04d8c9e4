"""One deadline per kind of route, instead of a number at each call: a call to a service that
does not answer within its class's deadline is DEADLINE_EXCEEDED, which the gateway answers as
503 with Retry-After (errors.py). Bodies and pages are bounded elsewhere (limits.py), so
each class's worst case is known."""

from __future__ import annotations

# One record read or written (get, update, a task action, a consent change).
POINT = 10.0
# Lists, searches, counts, process starts and progress: bounded pages of work.
QUERY = 30.0
# Sending a message: the service answers within its send wait (3 s) plus routing.
SEND = 15.0
# Previews over many clients, dashboards, report downloads.
HEAVY = 120.0
# Whole-file imports and exports, re-scoring every client: bounded by the upload limits.
BULK = 600.0

# The deadline of each service method the gateway calls that is not a POINT call. Stubs given
# by `deps.Services` apply it (call sites do not pass one); a method not named here is POINT.
DEADLINES: dict[str, float] = {
    # clients
    "CountSegment": QUERY,
    "ListClients": QUERY,
    "ListSegmentMembers": QUERY,
    "DefineCustomField": HEAVY,
    "EvaluateLifecycle": BULK,
    "RecomputeTiers": BULK,
    "ExportClients": BULK,
    "ImportClients": BULK,
    "ImportPositions": BULK,
    "ExportRecords": BULK,
    "ImportRecords": BULK,
    "SummarizeRecords": QUERY,
    "ValuationSeries": QUERY,
    "GetPerformance": QUERY,
    "AumSeries": HEAVY,
    "DraftCapitalEvent": QUERY,
    "ListCapitalAccounts": QUERY,
    "ListCapitalEvents": QUERY,
    "SummarizeFunds": HEAVY,
    "SyncMailbox": HEAVY,
    "PutMailbox": QUERY,
    "ImportBankStatement": BULK,
    "StartCapitalEventRun": QUERY,
    # workflows: processes, tasks, trigger events and rules
    "CancelProcess": QUERY,
    "GetProcess": QUERY,
    "GetProgress": QUERY,
    "ListClientProcesses": QUERY,
    "StartProcess": QUERY,
    "StartReportRun": QUERY,
    "SubmitQuestionnaire": QUERY,
    "ActOnTask": QUERY,
    "PublishEvent": QUERY,
    "PreviewRule": HEAVY,
    "PublishEvents": QUERY,
    "StartDefinition": QUERY,
    "ListDefinitions": QUERY,
    "PutDefinitionSchedule": QUERY,
    "ListDefinitionSchedules": QUERY,
    "RunDefinitionOverSegment": QUERY,
    "AddTaskDocument": QUERY,
    "CreateRequest": QUERY,
    "ListRequests": QUERY,
    "ActOnRequest": QUERY,
    "PutNpsCampaign": QUERY,
    "ListNpsCampaigns": QUERY,
    # reporting
    "GetArtifact": QUERY,
    "ListClientArtifacts": QUERY,
    "RecordSurveyAnswer": QUERY,
    "GetDashboard": HEAVY,
    "ReadArtifactContent": HEAVY,
    # notifications
    "Send": SEND,
    "RetryDelivery": SEND,
}
