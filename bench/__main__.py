"""python -m bench NAME [options] — run one benchmark and print its results as ratios."""

from __future__ import annotations

import argparse
import asyncio
import importlib
import os
import secrets
import sys

# Every process a benchmark starts, and its own stubs, sign their calls with this.
os.environ.setdefault("CLIENTFLOW_INTERNAL_SECRET", secrets.token_urlsafe(32))

BENCHMARKS = {
    "workflow_throughput": "bench.workflow_throughput",
    "clients": "bench.clients_api",
    "notifications": "bench.notifications_api",
    "events": "bench.events_api",
    "requests": "bench.requests_api",
    "soak": "bench.soak",
    "dormant_scan": "bench.dormant_scan",
    "report_pdf": "bench.report_pdf",
    "dashboards": "bench.dashboards",
    "distribution": "bench.distribution",
    "console": "bench.console",
    "rule_matching": "bench.rule_matching",
    "definitions": "bench.definitions",
    "records": "bench.records",
    "db_size": "bench.db_size",
    "valuations": "bench.valuations",
    "capital_call": "bench.capital_call",
    "mail_capture": "bench.mail_capture",
    "webhooks": "bench.webhooks",
    "email_build": "bench.email_build",
}


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("name", choices=sorted(BENCHMARKS))
    parser.add_argument("--workflows", type=int, default=300, help="workflows per measured round")
    parser.add_argument(
        "--rounds", type=int, default=3, help="measured rounds per side (median reported)"
    )
    parser.add_argument(
        "--concurrency",
        type=int,
        default=None,
        help="in flight at once (50 workflows / 32 requests)",
    )
    parser.add_argument(
        "--clients",
        type=int,
        default=None,
        help="book size (clients: 100,000; dormant_scan: 1,000,000)",
    )
    parser.add_argument(
        "--interactions", type=int, default=1_000_000, help="clients benchmark: interactions"
    )
    parser.add_argument(
        "--requests", type=int, default=3000, help="clients benchmark: requests per round"
    )
    parser.add_argument(
        "--import-rows",
        type=int,
        default=100_000,
        help="clients benchmark: rows in the import file",
    )
    parser.add_argument("--minutes", type=float, default=10, help="soak: how long")
    parser.add_argument(
        "--no-distribution",
        action="store_true",
        help="soak: without the quarterly distribution (to see what the rendering takes)",
    )
    args = parser.parse_args()
    if args.clients is None:
        args.clients = 1_000_000 if args.name == "dormant_scan" else 100_000
    if args.concurrency is None:
        args.concurrency = 50 if args.name == "workflow_throughput" else 32
    module = importlib.import_module(BENCHMARKS[args.name])
    for line in asyncio.run(module.run(args)):
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
