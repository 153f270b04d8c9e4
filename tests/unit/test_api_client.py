"""The committed typed API client (sdk/python) matches the gateway's OpenAPI schema
(run `python sdk/python/generate.py`), and every operation has its own id."""

from __future__ import annotations

import importlib.util
import json
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
SDK = ROOT / "sdk" / "python"


def _generator() -> Any:
    spec = importlib.util.spec_from_file_location("sdk_generate", SDK / "generate.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_committed_client_is_fresh(tmp_path: Path) -> None:
    generator = _generator()
    generator.generate(tmp_path)
    fresh = generator.generated_files(tmp_path)
    committed = generator.generated_files(SDK)
    hint = "run: python sdk/python/generate.py"
    assert sorted(fresh) == sorted(committed), hint
    stale = [name for name in fresh if fresh[name] != committed[name]]
    assert stale == [], f"stale generated files ({hint}): {stale[:10]}"


def test_every_operation_has_its_own_id() -> None:
    schema = json.loads((SDK / "openapi.json").read_text(encoding="utf-8"))
    ids = Counter(
        operation["operationId"]
        for operations in schema["paths"].values()
        for operation in operations.values()
    )
    assert [name for name, count in ids.items() if count > 1] == []
