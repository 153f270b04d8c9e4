"""`clientflow dev`'s optional helpers — the mail catcher and, with `--prometheus`, a real
Prometheus (Debian's `prometheus` package) scraping every process with the shipped alert
rules. The system of record serves without them (see `tending.OPTIONAL`)."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from services.devstack.processes import Child

if TYPE_CHECKING:
    from services.devstack.supervisor import DevStack

# The alert rules shipped with the production stack (present in a source checkout).
ALERTS = Path(__file__).resolve().parents[2] / "infra" / "prometheus" / "alerts.yml"
# Metrics ports from here up when --prometheus is given without CLIENTFLOW_METRICS_PORT.
DEFAULT_METRICS_BASE = "9464"


def mail_api_url(stack: DevStack) -> str:
    return f"http://127.0.0.1:{stack.settings.mail_api_port}"


def mail_dir(stack: DevStack) -> Path:
    return stack.data_dir / "mail"


def start_mailbox(stack: DevStack) -> None:
    """The mail catcher, unless a real SMTP server is configured."""
    s = stack.settings
    if s.smtp_host is not None:
        return
    argv = [sys.executable, "-m", "services.devstack.mailbox"]
    argv += [str(s.mail_port), str(mail_dir(stack)), str(s.mail_api_port)]
    child = Child(name="mailbox", argv=argv, log_path=stack.logs / "mailbox.log")
    child.start()
    stack.stores.append(child)


def prometheus_binary() -> str:
    found = shutil.which("prometheus")
    if found is None:
        raise SystemExit(
            "clientflow dev --prometheus needs the prometheus binary (Debian: apt install"
            " prometheus)"
        )
    return found


def prometheus_url(stack: DevStack) -> str:
    return f"http://{stack.local_host}:{stack.settings.prometheus_port}"


def prometheus_config(stack: DevStack) -> dict[str, object]:
    """The shipped scrape config's shape, with this stack's targets (one per process)."""
    host = stack.local_host
    targets = [
        {"targets": [f"{host}:{port}"], "labels": {"process": name}}
        for name, port in stack.metrics_ports.items()
    ]
    return {
        "global": {"scrape_interval": "5s", "evaluation_interval": "15s"},
        "rule_files": [str(ALERTS)] if ALERTS.exists() else [],
        "scrape_configs": [{"job_name": "clientflow", "static_configs": targets}],
    }


def start_prometheus(stack: DevStack) -> None:
    """Prometheus over the stack's /metrics ports (started after the apps, which own them)."""
    if not stack.settings.prometheus:
        return
    home = stack.data_dir / "prometheus"
    home.mkdir(parents=True, exist_ok=True)
    config = home / "prometheus.yml"
    # JSON is YAML: the config needs no YAML writer.
    config.write_text(json.dumps(prometheus_config(stack), indent=1))
    child = Child(
        name="prometheus",
        argv=[
            prometheus_binary(),
            f"--config.file={config}",
            f"--storage.tsdb.path={home / 'data'}",
            "--storage.tsdb.retention.time=2d",
            f"--web.listen-address={stack.settings.bind_host}:{stack.settings.prometheus_port}",
        ],
        log_path=stack.logs / "prometheus.log",
        withheld=("OTEL_",),
    )
    child.start()
    stack.apps.append(child)
