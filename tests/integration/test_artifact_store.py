"""Report PDFs on an S3-compatible object store (moto's server standing in for S3/MinIO), so a
second reporting replica or a lost node loses nothing: written once per content, read back by
any replica, and files written to the directory before the move stay readable."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import boto3
import pytest
from clientflow.reporting.v1 import reporting_pb2, reporting_pb2_grpc
from moto.server import ThreadedMotoServer

from services.common.artifact_store import FilesystemStore, S3Store
from services.common.grpc_client import ServiceClients
from services.reporting.server import build as build_reporting
from tests.support import ADMIN, TEST_INTERNAL_SECRET, create_client, free_port

BUCKET = "clientflow-artifacts"


@pytest.fixture(scope="module")
def s3_endpoint() -> Iterator[str]:
    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    endpoint = f"http://127.0.0.1:{port}"
    boto3.client(
        "s3",
        endpoint_url=endpoint,
        region_name="us-east-1",
        aws_access_key_id="test",
        aws_secret_access_key="test",
    ).create_bucket(Bucket=BUCKET)
    yield endpoint
    server.stop()


def store(endpoint: str, legacy: FilesystemStore | None = None) -> S3Store:
    return S3Store(
        f"s3://{BUCKET}/reports",
        endpoint=endpoint,
        access_key_id="test",
        secret_access_key="test",
        legacy=legacy,
    )


async def test_content_addressed_and_the_old_directory_still_read(
    s3_endpoint: str, tmp_path: Path
) -> None:
    directory = FilesystemStore(tmp_path)
    old_key = await directory.put(b"written before the move")
    objects = store(s3_endpoint, legacy=directory)
    key = await objects.put(b"%PDF-1.4 a report")
    assert key.startswith("s3:") and await objects.put(b"%PDF-1.4 a report") == key
    assert await objects.get(key) == b"%PDF-1.4 a report"
    assert await objects.get(old_key) == b"written before the move"
    assert await objects.get("s3:" + "0" * 64) is None
    with pytest.raises(ValueError, match="s3://bucket"):
        S3Store("file:///tmp")


async def test_a_report_rendered_by_one_replica_downloads_from_another(
    s3_endpoint: str, engine: object, services: ServiceClients
) -> None:
    import grpc

    from services.common.internal_auth import client_interceptors

    client = await create_client(services.clients, name="对象存储客户")
    replicas = [
        build_reporting(engine, services.clients, store=store(s3_endpoint))  # type: ignore[arg-type]
        for _ in range(2)
    ]
    ports = [await r.start("127.0.0.1", 0, port_setting="X") for r in replicas]
    try:
        stubs = []
        channels = []
        for port in ports:
            channel = grpc.aio.insecure_channel(
                f"127.0.0.1:{port}",
                interceptors=client_interceptors(TEST_INTERNAL_SECRET, "reporting"),
            )
            channels.append(channel)
            stubs.append(reporting_pb2_grpc.ReportingServiceStub(channel))
        artifact = await stubs[0].RenderClientReport(
            reporting_pb2.RenderClientReportRequest(
                client_id=client.id, period="2026Q3", workflow_id=f"s3-{uuid.uuid4()}"
            ),
            metadata=ADMIN.to_metadata(),
        )
        content = await stubs[1].ReadArtifactContent(
            reporting_pb2.ReadArtifactContentRequest(id=artifact.id), metadata=ADMIN.to_metadata()
        )
        assert content.content.startswith(b"%PDF")
        listed = boto3.client(
            "s3",
            endpoint_url=s3_endpoint,
            region_name="us-east-1",
            aws_access_key_id="test",
            aws_secret_access_key="test",
        ).list_objects_v2(Bucket=BUCKET, Prefix="reports/")
        assert any(o["Key"].endswith(artifact.sha256) for o in listed.get("Contents", []))
        for channel in channels:
            await channel.close()
    finally:
        for replica in replicas:
            await replica.stop(0)
