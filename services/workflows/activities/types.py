"""Activity names and their single-dataclass inputs and outputs.

Workflow code imports only this module (no gRPC, no ORM) and calls activities by name.
"""

from __future__ import annotations

from dataclasses import dataclass

GET_CLIENT_SUMMARY = "clients.get_summary"


@dataclass(frozen=True)
class ClientSummaryRequest:
    client_id: str


@dataclass(frozen=True)
class ClientSummary:
    client_id: str
    name: str
    advisor_id: str
    team_id: str
