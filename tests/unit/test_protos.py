"""The committed generated code matches the .proto files (run `python proto/generate.py`)."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]


def _generator() -> Any:
    spec = importlib.util.spec_from_file_location("proto_generate", ROOT / "proto" / "generate.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_generated_code_is_fresh(tmp_path: Path) -> None:
    generator = _generator()
    generator.generate(tmp_path)
    fresh = generator.generated_files(tmp_path)
    committed = generator.generated_files(ROOT / "proto")
    assert sorted(fresh) == sorted(committed), "run: python proto/generate.py"
    stale = [name for name in fresh if fresh[name] != committed[name]]
    assert stale == [], f"stale generated files (run: python proto/generate.py): {stale}"


def test_every_proto_package_is_versioned() -> None:
    for proto in (ROOT / "proto").rglob("*.proto"):
        assert proto.parent.name == "v1", proto
        assert f"package clientflow.{proto.parent.parent.name}.v1;" in proto.read_text()
