"""Settings: conventional aliases, normalisation, and clear errors for bad values."""

from __future__ import annotations

from pathlib import Path

import pytest

from services.clients.settings import ClientsSettings
from services.common.config import describe_validation_error, load_settings
from services.devstack.settings import DevSettings
from services.gateway.settings import GatewaySettings


def test_database_url_accepts_the_conventional_name_and_scheme(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("DATABASE_URL", "postgres://u:p@db:5432/x")
    assert ClientsSettings().database_url == "postgresql+asyncpg://u:p@db:5432/x"


def test_dev_starts_embedded_services_unless_addresses_are_given(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.delenv("TEMPORAL_ADDRESS", raising=False)
    assert DevSettings().database_url is None and DevSettings().temporal_address is None
    monkeypatch.setenv("TEMPORAL_ADDRESS", "temporal.internal:7233")
    assert DevSettings().temporal_address == "temporal.internal:7233"


def test_a_bad_port_names_the_variable_and_the_value(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLIENTFLOW_GATEWAY_PORT", "eighty")
    with pytest.raises(Exception) as raised:
        GatewaySettings()
    message = describe_validation_error(GatewaySettings, raised.value)  # type: ignore[arg-type]
    assert message.startswith("invalid setting CLIENTFLOW_GATEWAY_PORT='eighty'")


def test_load_settings_exits_with_the_message_and_no_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("CLIENTFLOW_CLIENTS_PORT", "70000")
    with pytest.raises(SystemExit) as raised:
        load_settings(ClientsSettings)
    assert raised.value.code == 2
    err = capsys.readouterr().err
    assert "CLIENTFLOW_CLIENTS_PORT='70000'" in err and "Traceback" not in err


def test_a_non_postgres_database_url_is_rejected(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATABASE_URL", "mysql://x")
    with pytest.raises(Exception, match="postgresql"):
        ClientsSettings()


def test_the_worker_exports_temporal_metrics_only_when_asked(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from temporalio.runtime import Runtime

    from services.common.temporal import metrics_runtime
    from services.workflows.settings import WorkerSettings

    monkeypatch.setenv("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4317")
    settings = WorkerSettings()
    assert settings.otel_exporter_otlp_endpoint == "http://collector:4317"
    assert metrics_runtime(None) is None
    assert isinstance(metrics_runtime(settings.otel_exporter_otlp_endpoint), Runtime)


def test_postgres_tls_is_asked_for_the_libpq_way() -> None:
    from services.common.config import normalize_database_url

    assert normalize_database_url("postgres://u@db:5432/cf?sslmode=verify-full").endswith(
        "/cf?ssl=verify-full"
    )


def test_temporal_tls_and_api_key_settings(tmp_path: Path) -> None:
    from temporalio.service import TLSConfig

    from services.common.config import TemporalSettings
    from services.common.temporal import temporal_tls

    assert temporal_tls(TemporalSettings()) is False
    assert temporal_tls(TemporalSettings(temporal_api_key="k" * 40)) is True
    ca = tmp_path / "ca.pem"
    ca.write_bytes(b"-----BEGIN CERTIFICATE-----\n")
    configured = temporal_tls(
        TemporalSettings(temporal_tls_ca_cert=ca, temporal_tls_server_name="temporal.internal")
    )
    assert isinstance(configured, TLSConfig)
    assert configured.server_root_ca_cert == ca.read_bytes()
    assert configured.domain == "temporal.internal"
