"""The `clientflow` script as a user runs it."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
from pathlib import Path

import jwt

from services.cli import PROCESSES, build_parser

SECRET = "cli-secret-0123456789abcdef0123456789"


def run(
    *args: str, env: dict[str, str] | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    import os

    return subprocess.run(
        [sys.executable, "-m", "services.cli", *args],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, **(env or {})},
        cwd=cwd,
    )


def test_every_process_and_tool_is_a_subcommand() -> None:
    parser = build_parser()
    for command in (*PROCESSES, "dev", "migrate", "token", "openapi"):
        parser.parse_args(
            [command] if command != "token" else [command, "--user", "u", "--role", "admin"]
        )
    assert parser.parse_args(["schedules", "sync"]).action == "sync"
    assert parser.parse_args(["rules", "install-defaults"]).action == "install-defaults"


def test_token_mints_a_verifiable_token() -> None:
    result = run(
        "token",
        "--user",
        "alice",
        "--role",
        "advisor",
        "--team",
        "t1",
        env={"CLIENTFLOW_AUTH_JWT_SECRET": SECRET},
    )
    assert result.returncode == 0, result.stderr
    claims = jwt.decode(result.stdout.strip(), SECRET, algorithms=["HS256"], audience="clientflow")
    assert (claims["sub"], claims["roles"], claims["team"]) == ("alice", ["advisor"], "t1")


def test_token_uses_the_dev_data_dir_secret(tmp_path: Path) -> None:
    (tmp_path / "jwt-secret").write_text(SECRET)
    result = run("token", "--user", "a", "--role", "admin", "--data-dir", str(tmp_path))
    assert result.returncode == 0, result.stderr
    jwt.decode(result.stdout.strip(), SECRET, algorithms=["HS256"], audience="clientflow")


def test_token_rejects_an_unknown_role_in_one_line(tmp_path: Path) -> None:
    result = run(
        "token", "--user", "a", "--role", "root", env={"CLIENTFLOW_AUTH_JWT_SECRET": SECRET}
    )
    assert result.returncode == 2
    assert "'root' is not one of" in result.stderr and "Traceback" not in result.stderr


def test_openapi_prints_the_gateway_document_with_no_settings_at_all() -> None:
    import os

    bare = {"PATH": os.environ.get("PATH", ""), "PYTHONPATH": os.pathsep.join(sys.path)}
    result = subprocess.run(
        [sys.executable, "-m", "services.cli", "openapi"],
        capture_output=True,
        text=True,
        timeout=60,
        env=bare,
        cwd="/",
    )
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert "/v1/clients/{client_id}" in document["paths"]
    assert "HTTPBearer" in document["components"]["securitySchemes"]


def test_gateway_on_a_taken_port_is_a_one_line_error() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = run(
            "gateway",
            env={"CLIENTFLOW_GATEWAY_PORT": str(port), "CLIENTFLOW_AUTH_JWT_SECRET": SECRET},
        )
    assert result.returncode == 2
    assert (
        f"port 127.0.0.1:{port} is already in use; choose another with CLIENTFLOW_GATEWAY_PORT"
        in result.stderr
    )
    assert "Traceback" not in result.stderr


def test_a_bad_setting_is_a_one_line_error() -> None:
    result = run("gateway", env={"CLIENTFLOW_GATEWAY_PORT": "http"})
    assert result.returncode == 2
    assert result.stderr.strip().startswith("invalid setting CLIENTFLOW_GATEWAY_PORT='http'")


def test_a_process_refuses_to_start_with_a_weak_or_missing_secret() -> None:
    import os

    env = {k: v for k, v in os.environ.items() if not k.startswith("CLIENTFLOW_")}
    for extra, named in (
        ({"CLIENTFLOW_AUTH_JWT_SECRET": SECRET}, "CLIENTFLOW_INTERNAL_SECRET is not set"),
        (
            {"CLIENTFLOW_AUTH_JWT_SECRET": "change-me-in-production"},
            "CLIENTFLOW_AUTH_JWT_SECRET is a published example value",
        ),
        (
            {"CLIENTFLOW_AUTH_JWT_SECRET": SECRET, "CLIENTFLOW_INTERNAL_SECRET": "short"},
            "CLIENTFLOW_INTERNAL_SECRET is shorter than 32 characters",
        ),
    ):
        result = subprocess.run(
            [sys.executable, "-m", "services.cli", "gateway"],
            capture_output=True,
            text=True,
            timeout=60,
            env={**env, **extra},
        )
        assert result.returncode == 2, result.stderr
        assert named in result.stderr and "refusing to start" in result.stderr
