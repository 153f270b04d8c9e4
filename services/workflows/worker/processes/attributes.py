"""What operators search a client's processes by (advisor, team, tier, name) follows the
client: the workflows service signals `client_attributes` when they change, and the process
upserts its search attributes."""

from __future__ import annotations

from temporalio import workflow

with workflow.unsafe.imports_passed_through():
    from services.common.temporal import ADVISOR_ID, CLIENT_NAME, TEAM_ID, TIER
    from services.workflows.contract import ClientAttributes


class FollowsClient:
    """Mixin for a process about one client."""

    @workflow.signal(name="client_attributes")
    def client_attributes(self, attributes: ClientAttributes) -> None:
        updates = [ADVISOR_ID.value_set(attributes.advisor_id)]
        updates.append(
            TEAM_ID.value_set(attributes.team_id) if attributes.team_id else TEAM_ID.value_unset()
        )
        updates.append(TIER.value_set(attributes.tier) if attributes.tier else TIER.value_unset())
        if attributes.name:
            updates.append(CLIENT_NAME.value_set(attributes.name[:200]))
        workflow.upsert_search_attributes(updates)
