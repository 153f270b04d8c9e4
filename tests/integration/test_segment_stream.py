"""StreamSegment: every member the caller may see, streamed over gRPC."""

from __future__ import annotations

import uuid

from clientflow.clients.v1 import clients_pb2
from google.protobuf.field_mask_pb2 import FieldMask

from services.common.grpc_client import ServiceClients
from services.common.identity import Role
from tests.support import ADMIN, actor, create_client


async def test_streams_the_callers_members_only(services: ServiceClients) -> None:
    tag = uuid.uuid4().hex[:8]
    mine = [await create_client(services.clients, advisor_id="adv-stream") for _ in range(3)]
    other = await create_client(services.clients, advisor_id="adv-else")
    for client in [*mine, other]:
        await services.clients.UpdateClient(
            clients_pb2.UpdateClientRequest(
                id=client.id,
                fields=clients_pb2.ClientFields(tags=[tag]),
                update_mask=FieldMask(paths=["tags"]),
            ),
            metadata=ADMIN.to_metadata(),
        )
    segment = await services.clients.SaveSegment(
        clients_pb2.SaveSegmentRequest(
            segment=clients_pb2.Segment(
                name=f"stream {tag}", filter=clients_pb2.ClientFilter(tags_any=[tag])
            )
        ),
        metadata=ADMIN.to_metadata(),
    )
    advisor = actor("adv-stream", Role.ADVISOR)
    streamed = [
        c.id
        async for c in services.clients.StreamSegment(
            clients_pb2.SegmentRequest(segment_id=segment.id), metadata=advisor.to_metadata()
        )
    ]
    assert sorted(streamed) == sorted(c.id for c in mine)
    everyone = [
        c.id
        async for c in services.clients.StreamSegment(
            clients_pb2.SegmentRequest(segment_id=segment.id), metadata=ADMIN.to_metadata()
        )
    ]
    assert len(everyone) == 4
