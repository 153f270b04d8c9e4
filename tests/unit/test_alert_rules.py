"""The alert rules as code: `promtool check rules` accepts them and `promtool test rules`
passes a case for every alert (infra/prometheus/alerts.test.yml) — each fires on what should
page or open a ticket, after its `for`, and not before. Needs Debian's `prometheus` package
(`.ci/run` installs it); skipped without promtool."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

RULES = Path(__file__).resolve().parents[2] / "infra" / "prometheus"
PROMTOOL = shutil.which("promtool")


def test_every_alert_has_a_test_case() -> None:
    alerts = {
        rule["alert"]
        for group in yaml.safe_load((RULES / "alerts.yml").read_text())["groups"]
        for rule in group["rules"]
        if "alert" in rule
    }
    tested = {
        case["alertname"]
        for test in yaml.safe_load((RULES / "alerts.test.yml").read_text())["tests"]
        for case in test.get("alert_rule_test", [])
    }
    assert alerts and alerts == tested


@pytest.mark.skipif(PROMTOOL is None, reason="promtool (Debian's prometheus package) is missing")
@pytest.mark.parametrize(
    "command", [["check", "rules", "alerts.yml"], ["test", "rules", "alerts.test.yml"]]
)
def test_promtool_accepts_the_rules(command: list[str]) -> None:
    assert PROMTOOL is not None
    done = subprocess.run(
        [PROMTOOL, *command], cwd=RULES, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stdout + done.stderr
