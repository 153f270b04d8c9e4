"""Batches of sends and the lookups behind them, against the real services: SendMany takes
each request as Send does (its own key, its own refusal, nothing sent twice), with the
clients and attachments it names looked up in one call each, BatchGetClients and
BatchGetArtifacts, which leave out whatever the caller may not see."""

from __future__ import annotations

import uuid

import grpc
import pytest
from clientflow.clients.v1 import clients_pb2
from clientflow.notifications.v1 import notifications_pb2 as pb
from clientflow.reporting.v1 import reporting_pb2

from services.common.grpc_client import ServiceClients
from services.common.identity import SYSTEM_ACTOR, Actor, Role
from tests.integration.test_notifications import key, make_template, struct
from tests.notify_support import SmtpSink
from tests.support import ADMIN, actor, create_client


async def mailable(services: ServiceClients, advisor: str) -> tuple[clients_pb2.Client, str]:
    address = f"many-{uuid.uuid4().hex[:8]}@example.com"
    client = await create_client(
        services.clients,
        advisor_id=advisor,
        fields=clients_pb2.ClientFields(email=address, preferred_channel="email", locale="en"),
    )
    return client, address


async def report_of(services: ServiceClients, client_id: str) -> reporting_pb2.Artifact:
    artifact: reporting_pb2.Artifact = await services.reporting.CreateArtifact(
        reporting_pb2.CreateArtifactRequest(
            kind="client-report",
            client_id=client_id,
            period="2026Q3",
            content_type="application/pdf",
            content=b"%PDF-1.7\n% " + client_id.encode(),
        ),
        metadata=SYSTEM_ACTOR.to_metadata(),
    )
    return artifact


def request(
    client_id: str, template: str, *attachments: str, idempotency_key: str = ""
) -> pb.SendRequest:
    return pb.SendRequest(
        idempotency_key=idempotency_key or key(),
        client_id=client_id,
        template_key=template,
        variables=struct(name="Li"),
        attachment_artifact_ids=list(attachments),
        channel="email",
    )


async def test_each_send_of_a_batch_is_its_own_and_none_is_sent_twice(
    services: ServiceClients, smtp_sink: SmtpSink
) -> None:
    template = await make_template(services)
    advisor = f"adv-{uuid.uuid4().hex[:6]}"
    (mine, my_address), (other, _) = (
        await mailable(services, advisor),
        await mailable(services, "adv-someone-else"),
    )
    artifact = await report_of(services, mine.id)
    sender = actor(advisor, Role.ADVISOR)
    batch = pb.SendManyRequest(
        requests=[
            request(mine.id, template, artifact.id.upper()),
            request(other.id, template),  # not the advisor's client
            request(mine.id, template, str(uuid.uuid4())),  # no such report
            request(mine.id, ""),  # no template
            request("not-an-id", template),
        ]
    )
    first = await services.notifications.SendMany(batch, metadata=sender.to_metadata(), timeout=30)
    sent, hidden, unknown, untemplated, bad = first.results
    assert sent.delivery.status == "sent" and not sent.error_code, sent.error
    assert (hidden.error_code, unknown.error_code) == ("NOT_FOUND", "NOT_FOUND")
    assert other.id in hidden.error and hidden.field == "client_id"
    assert unknown.field == "attachment_artifact_ids[0]"
    assert untemplated.error_code == "INVALID_ARGUMENT" and untemplated.field == "template_key"
    assert bad.error_code == "INVALID_ARGUMENT" and "not-an-id" in bad.error
    [mail] = smtp_sink.to(my_address)
    assert [p.get_filename() for p in mail.walk() if p.get_filename()]

    again = await services.notifications.SendMany(batch, metadata=sender.to_metadata(), timeout=30)
    assert again.results[0].delivery.id == sent.delivery.id
    assert again.results[0].delivery.replayed
    assert len(smtp_sink.to(my_address)) == 1


async def test_one_key_twice_in_a_batch_is_one_delivery(
    services: ServiceClients, smtp_sink: SmtpSink
) -> None:
    template = await make_template(services)
    client, address = await mailable(services, "adv-twice")
    same = key()
    reply = await services.notifications.SendMany(
        pb.SendManyRequest(
            requests=[request(client.id, template, idempotency_key=same) for _ in range(3)]
        ),
        metadata=SYSTEM_ACTOR.to_metadata(),
        timeout=30,
    )
    assert len({r.delivery.id for r in reply.results}) == 1
    assert sorted(r.delivery.replayed for r in reply.results) == [False, True, True]
    assert len(smtp_sink.to(address)) == 1


@pytest.mark.parametrize(
    ("count", "parallelism", "named"),
    [(0, 0, "requests='0'"), (101, 0, "requests='101'"), (1, 17, "parallelism='17'")],
)
async def test_a_batch_of_no_sends_or_too_many_is_refused(
    services: ServiceClients, count: int, parallelism: int, named: str
) -> None:
    batch = pb.SendManyRequest(
        requests=[request(str(uuid.uuid4()), "t") for _ in range(count)], parallelism=parallelism
    )
    with pytest.raises(grpc.aio.AioRpcError) as refused:
        await services.notifications.SendMany(batch, metadata=SYSTEM_ACTOR.to_metadata())
    assert refused.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert named in (refused.value.details() or "")


async def test_a_batch_needs_the_senders_role(services: ServiceClients) -> None:
    batch = pb.SendManyRequest(requests=[request(str(uuid.uuid4()), "t")])
    with pytest.raises(grpc.aio.AioRpcError) as refused:
        await services.notifications.SendMany(
            batch, metadata=actor("acc-1", Role.ACCOUNTANT).to_metadata()
        )
    assert refused.value.code() == grpc.StatusCode.PERMISSION_DENIED


async def test_batch_gets_leave_out_what_the_caller_may_not_see(services: ServiceClients) -> None:
    advisor = f"adv-{uuid.uuid4().hex[:6]}"
    mine = await create_client(services.clients, advisor_id=advisor)
    other = await create_client(services.clients, advisor_id="adv-not-them")
    missing = str(uuid.uuid4())
    sender = actor(advisor, Role.ADVISOR)
    ids = [other.id, missing, mine.id]
    seen = await services.clients.BatchGetClients(
        clients_pb2.BatchGetClientsRequest(ids=ids), metadata=sender.to_metadata()
    )
    assert [c.id for c in seen.clients] == [mine.id]
    everyone = await services.clients.BatchGetClients(
        clients_pb2.BatchGetClientsRequest(ids=ids), metadata=ADMIN.to_metadata()
    )
    assert [c.id for c in everyone.clients] == [other.id, mine.id]

    reports = [await report_of(services, c.id) for c in (other, mine)]
    wanted = [r.id for r in reports] + [str(uuid.uuid4())]
    visible = await services.reporting.BatchGetArtifacts(
        reporting_pb2.BatchGetArtifactsRequest(ids=wanted), metadata=sender.to_metadata()
    )
    assert [a.id for a in visible.artifacts] == [reports[1].id]
    all_of_them = await services.reporting.BatchGetArtifacts(
        reporting_pb2.BatchGetArtifactsRequest(ids=wanted), metadata=SYSTEM_ACTOR.to_metadata()
    )
    assert [a.id for a in all_of_them.artifacts] == [r.id for r in reports]


async def test_batch_gets_as_another_teams_manager_and_as_a_portal_client(
    services: ServiceClients,
) -> None:
    """A manager sees their team's clients and reports only; a portal client is refused the
    client records (as GetClient refuses it) and sees only its own reports."""
    team = f"team-{uuid.uuid4().hex[:6]}"
    ours = await create_client(services.clients, advisor_id="adv-ours", team_id=team)
    theirs = await create_client(services.clients, advisor_id="adv-theirs", team_id="team-other")
    reports = [await report_of(services, c.id) for c in (ours, theirs)]
    manager = actor("mgr-x", Role.MANAGER, team=team)
    portal = Actor(user_id=f"client:{ours.id}", roles=frozenset({Role.CLIENT}))
    seen = await services.clients.BatchGetClients(
        clients_pb2.BatchGetClientsRequest(ids=[theirs.id, ours.id]),
        metadata=manager.to_metadata(),
    )
    assert [c.id for c in seen.clients] == [ours.id]
    with pytest.raises(grpc.aio.AioRpcError) as refused:
        await services.clients.BatchGetClients(
            clients_pb2.BatchGetClientsRequest(ids=[theirs.id, ours.id]),
            metadata=portal.to_metadata(),
        )
    assert refused.value.code() == grpc.StatusCode.PERMISSION_DENIED
    for who in (manager, portal):
        visible = await services.reporting.BatchGetArtifacts(
            reporting_pb2.BatchGetArtifactsRequest(ids=[r.id for r in reports]),
            metadata=who.to_metadata(),
        )
        assert [a.client_id for a in visible.artifacts] == [ours.id], who.user_id


@pytest.mark.parametrize(
    ("ids", "named"),
    [
        ([], "ids='0'"),
        ([str(uuid.uuid4()) for _ in range(101)], "ids='101'"),
        (["x", "y"], "ids[0]='x'"),
        (["6d1f7f3e-0b3c-4d8e-9a55-1a2b3c4d5e6f"] * 2, "each"),
    ],
)
async def test_batch_gets_refuse_a_bad_list_naming_it(
    services: ServiceClients, ids: list[str], named: str
) -> None:
    for call, message in (
        (services.clients.BatchGetClients, clients_pb2.BatchGetClientsRequest(ids=ids)),
        (services.reporting.BatchGetArtifacts, reporting_pb2.BatchGetArtifactsRequest(ids=ids)),
    ):
        with pytest.raises(grpc.aio.AioRpcError) as refused:
            await call(message, metadata=ADMIN.to_metadata())
        assert refused.value.code() == grpc.StatusCode.INVALID_ARGUMENT
        assert named in (refused.value.details() or "")
