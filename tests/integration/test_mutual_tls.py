"""Optional mutual TLS between the processes: with certificates configured, a service
accepts only clients presenting a certificate of the deployment's CA, and the shared stubs
connect with theirs (certificates generated for the test)."""

from __future__ import annotations

import datetime
import ipaddress
from pathlib import Path

import grpc
import pytest
from clientflow.clients.v1 import clients_pb2, clients_pb2_grpc
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from sqlalchemy.ext.asyncio import AsyncEngine

from services.clients.server import build as build_clients
from services.common.config import EndpointSettings
from services.common.grpc_client import ServiceClients
from tests.support import ADMIN


def _certificate(
    name: str,
    key: ec.EllipticCurvePrivateKey,
    issuer: tuple[x509.Name, ec.EllipticCurvePrivateKey] | None,
) -> x509.Certificate:
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    issuer_name, signing_key = issuer if issuer else (subject, key)
    now = datetime.datetime.now(datetime.UTC)
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer_name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=1))
        .not_valid_after(now + datetime.timedelta(days=1))
    )
    if issuer is None:
        builder = builder.add_extension(x509.BasicConstraints(ca=True, path_length=None), True)
    else:
        builder = builder.add_extension(
            x509.SubjectAlternativeName(
                [x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]
            ),
            False,
        )
    return builder.sign(signing_key, hashes.SHA256())


def _pem(key: ec.EllipticCurvePrivateKey) -> bytes:
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )


@pytest.fixture
def pki(tmp_path: Path) -> dict[str, Path]:
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca = _certificate("clientflow-ca", ca_key, None)
    leaf_key = ec.generate_private_key(ec.SECP256R1())
    leaf = _certificate("clients", leaf_key, (ca.subject, ca_key))
    files = {
        "ca": (tmp_path / "ca.pem", ca.public_bytes(serialization.Encoding.PEM)),
        "cert": (tmp_path / "cert.pem", leaf.public_bytes(serialization.Encoding.PEM)),
        "key": (tmp_path / "key.pem", _pem(leaf_key)),
    }
    for path, content in files.values():
        path.write_bytes(content)
    return {name: path for name, (path, _) in files.items()}


async def test_services_speak_mutual_tls_when_configured(
    engine: AsyncEngine, pki: dict[str, Path]
) -> None:
    settings = EndpointSettings(
        grpc_tls_cert=pki["cert"], grpc_tls_key=pki["key"], grpc_tls_ca=pki["ca"]
    )
    service = build_clients(engine)
    port = await service.start("127.0.0.1", 0, port_setting="(test)", tls=settings.grpc_tls())
    try:
        with_tls = ServiceClients.connect(
            settings.model_copy(update={"clients_host": "127.0.0.1", "clients_port": port})
        )
        try:
            reply = await with_tls.clients.ListClients(
                clients_pb2.ListClientsRequest(page_size=1), metadata=ADMIN.to_metadata()
            )
            assert reply is not None
        finally:
            await with_tls.close()

        # Without TLS, or with TLS but no client certificate, the service is out of reach.
        async with grpc.aio.insecure_channel(f"127.0.0.1:{port}") as plain:
            with pytest.raises(grpc.aio.AioRpcError) as refused:
                await clients_pb2_grpc.ClientsServiceStub(plain).ListClients(
                    clients_pb2.ListClientsRequest(page_size=1), timeout=5
                )
            assert refused.value.code() is grpc.StatusCode.UNAVAILABLE
        anonymous = grpc.ssl_channel_credentials(root_certificates=pki["ca"].read_bytes())
        async with grpc.aio.secure_channel(f"127.0.0.1:{port}", anonymous) as no_cert:
            with pytest.raises(grpc.aio.AioRpcError) as refused:
                await clients_pb2_grpc.ClientsServiceStub(no_cert).ListClients(
                    clients_pb2.ListClientsRequest(page_size=1), timeout=5
                )
            assert refused.value.code() is grpc.StatusCode.UNAVAILABLE
    finally:
        await service.stop(0)


def test_half_a_tls_configuration_is_a_clear_error(pki: dict[str, Path]) -> None:
    with pytest.raises(ValueError, match="CLIENTFLOW_GRPC_TLS_CA"):
        EndpointSettings(grpc_tls_cert=pki["cert"], grpc_tls_key=pki["key"]).grpc_tls()
