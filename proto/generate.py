"""Generate the Python protobuf/gRPC code and type stubs for every proto under proto/.

Usage: python proto/generate.py [--out DIR]

The generated package `clientflow` is written beside the .proto files (proto/ is
a source root of the distribution). tests/unit/test_protos.py regenerates into a
temporary directory and fails when the committed code is stale.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

from grpc_tools import protoc

PROTO_ROOT = Path(__file__).resolve().parent


def proto_files(root: Path = PROTO_ROOT) -> list[Path]:
    """Every .proto file under the root, sorted for a stable output."""
    return sorted(root.glob("clientflow/**/*.proto"))


def generate(out: Path) -> None:
    """Run protoc with the grpc and mypy-protobuf plugins into `out`."""
    out.mkdir(parents=True, exist_ok=True)
    import grpc_tools

    well_known = Path(grpc_tools.__file__).parent / "_proto"
    plugin_dir = Path(sys.executable).parent
    files = [str(p.relative_to(PROTO_ROOT)) for p in proto_files()]
    args = [
        "grpc_tools.protoc",
        f"-I{PROTO_ROOT}",
        f"-I{well_known}",
        f"--plugin=protoc-gen-mypy={plugin_dir / 'protoc-gen-mypy'}",
        f"--plugin=protoc-gen-mypy_grpc={plugin_dir / 'protoc-gen-mypy_grpc'}",
        f"--python_out={out}",
        f"--grpc_python_out={out}",
        f"--mypy_out={out}",
        f"--mypy_grpc_out={out}",
        *files,
    ]
    if protoc.main(args) != 0:
        raise SystemExit("protoc failed")
    # Every generated directory is a regular package so setuptools and mypy find it.
    for directory in [out / "clientflow", *(out / "clientflow").rglob("*")]:
        if directory.is_dir() and directory.name != "__pycache__":
            (directory / "__init__.py").touch()
            (directory / "py.typed").touch()


def generated_files(root: Path) -> dict[str, bytes]:
    """Relative path -> content of every generated file under root."""
    suffixes = ("_pb2.py", "_pb2.pyi", "_pb2_grpc.py", "_pb2_grpc.pyi", "__init__.py", "py.typed")
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in sorted((root / "clientflow").rglob("*"))
        if p.is_file() and p.name.endswith(suffixes)
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=PROTO_ROOT)
    args = parser.parse_args()
    if args.out == PROTO_ROOT:
        for stale in generated_files(PROTO_ROOT):
            (PROTO_ROOT / stale).unlink()
    generate(args.out)
    for cache in args.out.rglob("__pycache__"):
        shutil.rmtree(cache)
    print(f"generated {len(generated_files(args.out))} files into {args.out}")


if __name__ == "__main__":
    main()
