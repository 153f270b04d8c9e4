"""python -m bench NAME [options] — run one benchmark and print its results as ratios."""

from __future__ import annotations

import argparse
import asyncio
import importlib
import sys

BENCHMARKS = {"workflow_throughput": "bench.workflow_throughput"}


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("name", choices=sorted(BENCHMARKS))
    parser.add_argument("--workflows", type=int, default=300, help="workflows per measured round")
    parser.add_argument(
        "--rounds", type=int, default=3, help="measured rounds per side (median reported)"
    )
    parser.add_argument("--concurrency", type=int, default=50, help="workflows in flight at once")
    args = parser.parse_args()
    module = importlib.import_module(BENCHMARKS[args.name])
    for line in asyncio.run(module.run(args)):
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
