"""A rule's messages: to staff (the client's advisor or the team's manager, or a named
colleague; in-app, e-mail from the directory, WeCom by user id) and to the firm's webhook —
each under an idempotency key of the rule, client, period and action, so it goes once."""

from __future__ import annotations

import hashlib

import grpc
from clientflow.clients.v1 import clients_pb2
from clientflow.notifications.v1 import notifications_pb2
from google.protobuf.struct_pb2 import Struct

from services.common.identity import SYSTEM_ACTOR
from services.workflows.service.automation.actions import Action
from services.workflows.service.models import Event, Rule
from services.workflows.service.rule_actions import RuleActions


def action_key(rule: Rule, client_id: str, key: str, index: int) -> str:
    """An idempotency key per (rule, client, period or event, action), at most 200 chars."""
    raw = f"{client_id}/{key}/{index}"
    if len(raw) > 120:
        raw = hashlib.sha256(raw.encode()).hexdigest()[:40]
    return f"rule/{rule.id}/{raw}"


class MessageActions(RuleActions):
    async def _notify_staff(
        self,
        client: clients_pb2.Client,
        rule: Rule,
        action: Action,
        index: int,
        event: Event,
        key: str,
    ) -> tuple[str, str, str]:
        assert self.notifications is not None
        to = action.parameters.get("to", "advisor")
        if to == "advisor":
            # The advisor now: an assignment earlier in this rule has already happened.
            to = (await self.client(client.id)).advisor_id
        elif to == "manager":
            to = self.defaults.team_managers.get(client.team_id, "")
        if not to:
            return "error", "no recipient: the client's team has no manager", ""
        variables = Struct()
        variables.update(
            {
                **dict(rule.parameters),
                "client_name": client.name,
                "client_id": client.id,
                "rule_name": rule.name,
                "event_type": event.type,
                **await self.record_variables(event),
            }
        )
        sent = []
        for channel in (c.strip() for c in action.parameters.get("channels", "in_app").split(",")):
            request = notifications_pb2.SendRequest(
                idempotency_key=f"{action_key(rule, client.id, key, index)}/{channel}",
                template_key=action.target,
                variables=variables,
                category="service",
            )
            if channel == "in_app":
                request.user_id = to
            else:
                address = await self._staff_address(to, channel)
                if address is None:
                    continue
                request.address.CopyFrom(address)
            delivery = await self.notifications.Send(
                request, metadata=SYSTEM_ACTOR.to_metadata(), timeout=30
            )
            sent.append(f"{channel}:{delivery.status}")
        return "notified", f"{to} " + ", ".join(sent), ""

    async def _staff_address(self, user_id: str, channel: str) -> notifications_pb2.Address | None:
        """A colleague's e-mail from the directory; their WeCom id is their user id."""
        if channel == "wecom":
            return notifications_pb2.Address(channel="wecom", value=user_id, name=user_id)
        assert self.directory is not None
        try:
            person = await self.directory.GetPerson(
                clients_pb2.GetPersonRequest(user_id=user_id),
                metadata=SYSTEM_ACTOR.to_metadata(),
                timeout=10,
            )
        except grpc.RpcError as error:
            if error.code() is grpc.StatusCode.NOT_FOUND:
                return None
            raise
        if not person.email:
            return None
        return notifications_pb2.Address(channel="email", value=person.email, name=person.name)

    async def _webhook(
        self,
        client: clients_pb2.Client,
        rule: Rule,
        action: Action,
        index: int,
        event: Event,
        key: str,
    ) -> tuple[str, str, str]:
        assert self.notifications is not None
        variables = Struct()
        variables.update(
            {
                "client_id": client.id,
                "client_name": client.name,
                "rule_id": str(rule.id),
                "rule_name": rule.name,
                "event_id": event.event_id,
                "event_type": event.type,
            }
        )
        delivery = await self.notifications.Send(
            notifications_pb2.SendRequest(
                idempotency_key=action_key(rule, client.id, key, index),
                address=notifications_pb2.Address(
                    channel="webhook", value=action.parameters.get("path", "rules")
                ),
                template_key=action.target,
                variables=variables,
                category="service",
            ),
            metadata=SYSTEM_ACTOR.to_metadata(),
            timeout=30,
        )
        return "notified", f"webhook {delivery.status}", ""
