"""Generate the typed Python client of the gateway's HTTP API from its OpenAPI schema.

Usage: python sdk/python/generate.py [--out DIR]

Writes `openapi.json` (the schema, for clients in other languages too) and the package
`clientflow_client` (openapi-python-client: attrs models, httpx, sync and async calls) beside
this file. tests/unit/test_api_client.py regenerates into a temporary directory and fails when
the committed client is stale, so a route or schema change lands with its client.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
PACKAGE = "clientflow_client"
CONFIG = """\
project_name_override: clientflow-api-client
package_name_override: clientflow_client
post_hooks: []
"""


def openapi_schema() -> dict[str, object]:
    """The gateway's schema, as /openapi.json serves it (no service is contacted)."""
    os.environ.setdefault("CLIENTFLOW_INTERNAL_SECRET", "schema-generation-only-" + "x" * 24)
    from services.gateway.app import create_app
    from services.gateway.settings import GatewaySettings

    # The public API only: no dev sign-in route, whatever this shell has set.
    settings = GatewaySettings(
        auth_jwt_secret="schema-generation-only-" + "x" * 24, dev_sign_in=False
    )
    app = create_app(settings)
    return app.openapi()


def generate(out: Path) -> None:
    """Write openapi.json and the client package into `out`."""
    out.mkdir(parents=True, exist_ok=True)
    schema = json.dumps(openapi_schema(), indent=1, ensure_ascii=False, sort_keys=True) + "\n"
    (out / "openapi.json").write_text(schema, encoding="utf-8")
    with tempfile.TemporaryDirectory() as work:
        config = Path(work) / "config.yaml"
        config.write_text(CONFIG)
        built = Path(work) / "out"
        subprocess.run(
            [
                str(Path(sys.executable).with_name("openapi-python-client")),
                "generate",
                "--path",
                str(out / "openapi.json"),
                "--config",
                str(config),
                "--meta",
                "none",
                "--output-path",
                str(built),
            ],
            check=True,
            capture_output=True,
        )
        shutil.rmtree(out / PACKAGE, ignore_errors=True)
        shutil.copytree(built, out / PACKAGE)


def generated_files(root: Path) -> dict[str, bytes]:
    """relative path -> content of everything generate() writes under `root`."""
    files = {"openapi.json": (root / "openapi.json").read_bytes()}
    for path in sorted((root / PACKAGE).rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            files[str(path.relative_to(root))] = path.read_bytes()
    return files


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=HERE)
    generate(parser.parse_args().out)
    print(f"generated {PACKAGE} into {parser.parse_args().out}")


if __name__ == "__main__":
    sys.path.insert(0, str(HERE.parents[1]))
    main()
