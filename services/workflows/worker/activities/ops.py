"""The operators' daily digest: the deliveries in doubt (cut off by a crash where the provider
cannot be asked) that still wait for a person, sent to the people named in
CLIENTFLOW_OPS_DIGEST_TO — an in-app message for a user id, an e-mail for an address — once
per person and day (the idempotency key), and only when there is something to decide."""

from __future__ import annotations

from clientflow.notifications.v1 import notifications_pb2, notifications_pb2_grpc
from google.protobuf.struct_pb2 import Struct
from temporalio import activity

from services.common.identity import SYSTEM_ACTOR
from services.workflows.worker.activities.types import (
    SEND_IN_DOUBT_DIGEST,
    DigestRequest,
    DigestResult,
)

# Lines listed in one digest; the count says how many there are in all.
LISTED = 50
# Pages of the in-doubt list read to count them (200 each).
MAX_PAGES = 50


def recipients(setting: str) -> tuple[str, ...]:
    """`CLIENTFLOW_OPS_DIGEST_TO`: comma-separated user ids and e-mail addresses."""
    return tuple(dict.fromkeys(part.strip() for part in setting.split(",") if part.strip()))


def line(delivery: notifications_pb2.Delivery) -> str:
    when = delivery.created_at.ToDatetime().strftime("%Y-%m-%d %H:%M")
    return (
        f"{when} UTC  {delivery.channel}  {delivery.recipient}  {delivery.subject[:60]}"
        f"  (id {delivery.id})"
    )


class OpsActivities:
    def __init__(
        self, notifications: notifications_pb2_grpc.NotificationsServiceStub, to: str
    ) -> None:
        self.notifications = notifications
        self.to = recipients(to)

    async def _in_doubt(self) -> tuple[int, list[str]]:
        count, token = 0, ""
        lines: list[str] = []
        for _ in range(MAX_PAGES):
            page = await self.notifications.ListDeliveries(
                notifications_pb2.ListDeliveriesRequest(
                    status="in_doubt", page_size=200, page_token=token
                ),
                metadata=SYSTEM_ACTOR.to_metadata(),
                timeout=30,
            )
            count += len(page.deliveries)
            lines += [line(d) for d in page.deliveries][: LISTED - len(lines)]
            token = page.next_page_token
            activity.heartbeat(count)
            if not token:
                break
        return count, lines

    @activity.defn(name=SEND_IN_DOUBT_DIGEST)
    async def send_in_doubt_digest(self, request: DigestRequest) -> DigestResult:
        if not self.to:
            return DigestResult(in_doubt=0)
        count, lines = await self._in_doubt()
        if count == 0:
            return DigestResult(in_doubt=0)
        listed = "\n".join(lines)
        if count > len(lines):
            listed += f"\n… ({count - len(lines)} more: GET /v1/notifications?status=in_doubt)"
        variables = Struct()
        variables.update({"count": count, "day": request.day, "list": listed})
        for person in self.to:
            address = {"address": notifications_pb2.Address(channel="email", value=person)}
            target = address if "@" in person else {"user_id": person}
            await self.notifications.Send(
                notifications_pb2.SendRequest(
                    idempotency_key=f"ops/in-doubt-digest/{request.day}/{person}",
                    template_key="ops-in-doubt-digest",
                    variables=variables,
                    category="service",
                    **target,
                ),
                metadata=SYSTEM_ACTOR.to_metadata(),
                timeout=30,
            )
        return DigestResult(in_doubt=count, sent_to=self.to)
