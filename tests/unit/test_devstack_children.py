"""`clientflow dev`'s children: each process its own metrics port when metrics are asked for,
and the Temporal dev server told no OTEL_* (its polls would be most of the traces)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from services.devstack.banner import metrics_ports
from services.devstack.processes import Child


def test_each_process_gets_its_own_metrics_port() -> None:
    assert metrics_ports(["clients", "worker", "gateway"], "9400") == {
        "clients": 9400,
        "worker": 9401,
        "gateway": 9402,
    }
    assert metrics_ports(["clients"], None) == {}
    with pytest.raises(SystemExit):
        metrics_ports(["clients"], "ninety")
    with pytest.raises(SystemExit):
        metrics_ports(["clients", "worker"], "65535")


def test_a_child_is_not_told_the_withheld_variables(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OTEL_TRACES_EXPORTER", "otlp")
    monkeypatch.setenv("CLIENTFLOW_KEPT", "yes")
    script = "import os; print(os.environ.get('OTEL_TRACES_EXPORTER', '-'), os.environ['CLIENTFLOW_KEPT'])"
    child = Child(
        name="probe",
        argv=[sys.executable, "-c", script],
        log_path=tmp_path / "probe.log",
        withheld=("OTEL_",),
    )
    child.start()
    assert child.process is not None and child.process.wait(10) == 0
    assert (tmp_path / "probe.log").read_text().split() == ["-", "yes"]
