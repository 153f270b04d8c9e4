"""The Kubernetes manifests (infra/kubernetes) are valid objects of Kubernetes 1.31 (checked
offline against its schemas, strictly: an unknown field is an error), and hold what the
production topology needs: every process a Deployment with replicas, readiness and liveness
probes, resource requests and a PodDisruptionBudget; the gateway and the worker scale on
CPU; only the gateway and the console take traffic from outside; secrets come from the
Secret object, never a literal; the setup runs as a Job."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import kubernetes_validate
import pytest
import yaml

KUBERNETES = "1.31.0"
ROOT = Path(__file__).resolve().parents[2] / "infra" / "kubernetes"
PROCESSES = {"clients", "notifications", "reporting", "workflows", "worker", "gateway", "console"}
SECRET_NAMES = ("SECRET", "PASSWORD", "DATABASE_URL")


def objects() -> list[dict[str, Any]]:
    listed = yaml.safe_load((ROOT / "kustomization.yaml").read_text())["resources"]
    assert sorted(listed) == sorted(
        p.name for p in ROOT.glob("*.yaml") if p.name != "kustomization.yaml"
    )
    found = []
    for name in listed:
        found += [d for d in yaml.safe_load_all((ROOT / name).read_text()) if d]
    return found


def by_kind(kind: str) -> dict[str, dict[str, Any]]:
    return {o["metadata"]["name"]: o for o in objects() if o["kind"] == kind}


@pytest.mark.parametrize("item", objects(), ids=lambda o: f"{o['kind']}/{o['metadata']['name']}")
def test_each_object_is_valid_for_the_stated_kubernetes(item: dict[str, Any]) -> None:
    kubernetes_validate.validate(item, KUBERNETES, strict=True)


def test_every_process_is_deployed_probed_bounded_and_protected() -> None:
    deployments = by_kind("Deployment")
    assert set(deployments) == PROCESSES
    budgets = {
        b["spec"]["selector"]["matchLabels"]["app.kubernetes.io/name"]
        for b in by_kind("PodDisruptionBudget").values()
    }
    assert budgets == PROCESSES
    for name, deployment in deployments.items():
        assert deployment["spec"]["replicas"] >= 2, name
        [container] = deployment["spec"]["template"]["spec"]["containers"]
        assert {"readinessProbe", "livenessProbe"} <= set(container), name
        assert container["resources"]["requests"]["cpu"], name
        assert container["command"] == ["clientflow", name]
        for variable in container.get("env", []):
            if any(mark in variable["name"] for mark in SECRET_NAMES):
                assert "secretKeyRef" in variable.get("valueFrom", {}), variable["name"]
    scaled = {
        h["spec"]["scaleTargetRef"]["name"] for h in by_kind("HorizontalPodAutoscaler").values()
    }
    assert scaled == {"gateway", "worker"}
    [job] = by_kind("Job").values()
    assert job["spec"]["template"]["spec"]["containers"][0]["command"] == ["clientflow", "setup"]


def test_only_the_gateway_and_console_take_outside_traffic() -> None:
    policies = by_kind("NetworkPolicy")
    assert policies["default-deny-ingress"]["spec"] == {
        "podSelector": {},
        "policyTypes": ["Ingress"],
    }
    open_to_all = [
        p for p in policies.values() for rule in p["spec"].get("ingress", []) if "from" not in rule
    ]
    [public] = open_to_all
    assert public["spec"]["podSelector"]["matchExpressions"][0]["values"] == ["gateway", "console"]
    assert set(by_kind("Service")) == PROCESSES - {"worker"}
    assert all(
        s["spec"].get("type", "ClusterIP") == "ClusterIP" for s in by_kind("Service").values()
    )
