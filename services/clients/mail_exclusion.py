"""A person taking a captured message (e-mail or WeCom) off the record: its interactions
leave the timelines of the clients that person sees (another book's copy stays), its
attachments are deleted, each removal is audited, and the message's key stays so the same
message is never captured again."""

from __future__ import annotations

import grpc
from clientflow.reporting.v1 import reporting_pb2
from sqlalchemy import select

from services.clients.mail_capture import CapturedMessage, MailCapture
from services.clients.models import Interaction
from services.common.errors import FailedPrecondition, NotFound
from services.common.grpc_errors import from_rpc_error
from services.common.identity import SYSTEM_ACTOR, Actor
from services.common.ids import parse_id


class MailExclusion(MailCapture):
    """A person taking a captured message off the record."""

    async def exclude(
        self, actor: Actor, client_id: str, interaction_id: str
    ) -> tuple[int, int, bool]:
        """(interactions removed, attachments removed, gone from every timeline)."""
        client = await self.get(actor, client_id)
        key = parse_id("interaction_id", interaction_id, "an interaction id")
        captured = await self.session.scalar(
            select(CapturedMessage)
            .where(CapturedMessage.interaction_ids.contains([key]))
            .with_for_update()
        )
        interaction = await self.session.get(Interaction, key)
        if interaction is None or interaction.client_id != client.id:
            raise NotFound(
                f"interaction {interaction_id} not found", field="interaction_id", value=key
            )
        if captured is None:
            raise FailedPrecondition(
                f"interaction {interaction_id} was logged by a person, not captured from mail"
                " or WeCom: log a correction instead",
                field="interaction_id",
                value=interaction_id,
            )
        pairs = list(zip(captured.client_ids, captured.interaction_ids, strict=False))
        removed, kept_pairs, visible = 0, [], set()
        for owner_id, owned in pairs:
            try:
                owner = await self.get(actor, str(owner_id))
            except NotFound:  # another book's client keeps its copy
                kept_pairs.append((owner_id, owned))
                continue
            visible.add(str(owner_id))
            row = await self.session.get(Interaction, owned)
            if row is not None:
                await self.session.delete(row)
                removed += 1
                self._audit(actor, owner, "interaction", owned, "exclude", {"via": captured.via})
        gone = [a for a in captured.attachments if a["client_id"] in visible]
        for attachment in gone:
            await self._delete_artifact(attachment["artifact_id"])
        captured.client_ids = [c for c, _ in kept_pairs]
        captured.interaction_ids = [i for _, i in kept_pairs]
        captured.attachments = [a for a in captured.attachments if a["client_id"] not in visible]
        if not kept_pairs:
            captured.excluded_by = actor.user_id[:64]
            captured.subject = ""
        await self.session.flush()
        return removed, len(gone), not kept_pairs

    async def _delete_artifact(self, artifact_id: str) -> None:
        if self.reporting is None:
            raise FailedPrecondition("the reporting service is not configured")
        try:
            await self.reporting.DeleteArtifact(
                reporting_pb2.GetArtifactRequest(id=artifact_id),
                metadata=SYSTEM_ACTOR.to_metadata(),
                timeout=30,
            )
        except grpc.RpcError as error:
            if error.code() != grpc.StatusCode.NOT_FOUND:
                raise from_rpc_error(error) from None
