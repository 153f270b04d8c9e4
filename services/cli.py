"""`clientflow`: one console script, a subcommand per process plus dev tools."""

from __future__ import annotations

import argparse
import asyncio
import json
import secrets
import sys
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any

from services.common.grpc_server import PortInUse

PROCESSES = (
    "gateway",
    "console",
    "clients",
    "notifications",
    "reporting",
    "workflows",
    "worker",
)


def _serve(process: str) -> int:
    """Run one process with settings from the environment."""
    from services.common import config

    serve: Callable[[Any], Coroutine[Any, Any, None]]
    if process == "gateway":
        from services.gateway.app import serve
        from services.gateway.settings import GatewaySettings

        settings: config.ProcessSettings = config.load_settings(GatewaySettings)
    elif process == "console":
        from services.console.app import serve
        from services.console.settings import ConsoleSettings

        settings = config.load_settings(ConsoleSettings)
    elif process == "worker":
        from services.workflows.settings import WorkerSettings
        from services.workflows.worker.main import serve

        settings = config.load_settings(WorkerSettings)
    elif process == "clients":
        from services.clients.server import serve
        from services.clients.settings import ClientsSettings

        settings = config.load_settings(ClientsSettings)
    elif process == "notifications":
        from services.notifications.server import serve
        from services.notifications.settings import NotificationsSettings

        settings = config.load_settings(NotificationsSettings)
    elif process == "reporting":
        from services.reporting.server import serve
        from services.reporting.settings import ReportingSettings

        settings = config.load_settings(ReportingSettings)
    else:
        from services.workflows.service.server import serve
        from services.workflows.settings import WorkflowsSettings

        settings = config.load_settings(WorkflowsSettings)
    weak = config.weak_secrets(settings)
    if weak:
        for problem in weak:
            print(f"clientflow {process}: {problem}; refusing to start", file=sys.stderr)
        return 2
    try:
        asyncio.run(serve(settings))
    except PortInUse as error:
        print(f"clientflow {process}: {error}", file=sys.stderr)
        return 2
    except ValueError as error:  # configuration the settings could not check alone
        print(f"clientflow {process}: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    return 0


def _dev(args: argparse.Namespace) -> int:
    from services.common.config import load_settings
    from services.devstack.settings import DevSettings
    from services.devstack.supervisor import run_dev

    overrides = {
        key: value
        for key, value in vars(args).items()
        if value is not None and key in DevSettings.model_fields
    }
    return run_dev(load_settings(DevSettings, **overrides), demo=args.demo)


def _migrate(args: argparse.Namespace) -> int:
    from services.common.config import DatabaseSettings, load_settings
    from services.common.migrations import upgrade

    overrides = {"database_url": args.database_url} if args.database_url else {}
    settings = load_settings(DatabaseSettings, **overrides)
    upgrade(settings.database_url)
    print("migrations applied")
    if args.search_attributes:
        added = asyncio.run(_register_search_attributes())
        print(f"search attributes registered: {', '.join(added) or 'none missing'}")
    return 0


async def _register_search_attributes() -> list[str]:
    from services.common.config import TemporalSettings, load_settings
    from services.common.temporal import connect_temporal_with_retry, ensure_search_attributes

    client = await connect_temporal_with_retry(load_settings(TemporalSettings))
    return await ensure_search_attributes(client)


def _setup(_args: argparse.Namespace) -> int:
    """Everything a release needs before the processes start, idempotent: migrations, the
    Temporal search attributes, the Schedules, the default rules."""
    _migrate(argparse.Namespace(database_url=None, search_attributes=True))
    _schedules(argparse.Namespace())
    _rules(argparse.Namespace())
    print("setup complete")
    return 0


def _probe(args: argparse.Namespace) -> int:
    """Exit 0 when the target is healthy: `http://host:port/path` answers 200, or
    `grpc://host:port` reports SERVING on grpc.health.v1 (for container healthchecks)."""
    target: str = args.target

    async def grpc_serving(address: str) -> bool:
        import grpc
        from grpc_health.v1 import health_pb2, health_pb2_grpc

        async with grpc.aio.insecure_channel(address) as channel:
            reply = await health_pb2_grpc.HealthStub(channel).Check(
                health_pb2.HealthCheckRequest(), timeout=args.timeout
            )
        return bool(reply.status == health_pb2.HealthCheckResponse.SERVING)

    try:
        if target.startswith("grpc://"):
            healthy = asyncio.run(grpc_serving(target.removeprefix("grpc://")))
        elif target.startswith(("http://", "https://")):
            import httpx

            healthy = httpx.get(target, timeout=args.timeout).status_code == 200
        else:
            print(f"clientflow probe: {target!r} is not http(s)://… or grpc://…", file=sys.stderr)
            return 2
    except Exception as error:  # unreachable, refused, timed out: unhealthy, said in one line
        print(f"clientflow probe: {target}: {type(error).__name__}", file=sys.stderr)
        return 1
    return 0 if healthy else 1


def _token(args: argparse.Namespace) -> int:
    from services.common.config import AuthSettings, load_settings
    from services.common.identity import STAFF_ROLES
    from services.common.tokens import mint_token
    from services.devstack.settings import data_dir_secret

    unknown = [r for r in args.role if r not in STAFF_ROLES]
    if unknown:
        print(
            f"clientflow token: --role {unknown[0]!r} is not one of {', '.join(sorted(STAFF_ROLES))}",
            file=sys.stderr,
        )
        return 2
    settings = load_settings(AuthSettings)
    secret = settings.auth_jwt_secret.get_secret_value() if settings.auth_jwt_secret else None
    secret = secret or data_dir_secret(args.data_dir)
    if not secret:
        print(
            f"clientflow token: no secret: set CLIENTFLOW_AUTH_JWT_SECRET or run `clientflow dev` "
            f"with --data-dir {args.data_dir} first",
            file=sys.stderr,
        )
        return 2
    print(
        mint_token(
            secret,
            user_id=args.user,
            roles=args.role,
            team_id=args.team,
            ttl_seconds=args.ttl,
            issuer=settings.auth_issuer,
            audience=settings.auth_audience,
        )
    )
    return 0


def _schedules(_args: argparse.Namespace) -> int:
    from services.common.config import TemporalSettings, load_settings
    from services.common.temporal import connect_temporal_with_retry
    from services.workflows.service.schedules import sync_schedules

    async def sync() -> None:
        settings = load_settings(TemporalSettings)
        client = await connect_temporal_with_retry(settings)
        result = await sync_schedules(client, settings.task_queue)
        print(f"schedules created: {', '.join(result.created) or 'none'}")
        print(f"schedules updated: {', '.join(result.updated) or 'none'}")

    asyncio.run(sync())
    return 0


def _rules(_args: argparse.Namespace) -> int:
    from services.common.config import DatabaseSettings, load_settings
    from services.common.db import create_engine
    from services.workflows.service.defaults import install_default_rules

    async def install() -> int:
        engine = create_engine(load_settings(DatabaseSettings).database_url, instrument=False)
        try:
            return await install_default_rules(engine)
        finally:
            await engine.dispose()

    print(f"default rules added: {asyncio.run(install())}")
    return 0


def _directory(args: argparse.Namespace) -> int:
    import csv
    import getpass

    from sqlalchemy.ext.asyncio import AsyncSession

    from services.clients.directory import IMPORT_COLUMNS, DirectoryService, import_people
    from services.common.config import DatabaseSettings, load_settings
    from services.common.db import create_engine
    from services.common.errors import ClientflowError
    from services.common.identity import Actor, Role

    try:
        with open(args.file, encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.DictReader(handle))
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        print(f"clientflow directory import: cannot read {args.file}: {error}", file=sys.stderr)
        return 2
    # Audited as the operator who ran the command.
    actor = Actor(user_id=f"cli:{getpass.getuser()}", roles=frozenset({Role.ADMIN}))

    async def run() -> tuple[int, list[str]]:
        engine = create_engine(load_settings(DatabaseSettings).database_url, instrument=False)
        try:
            async with AsyncSession(engine, expire_on_commit=False) as session:
                result = await import_people(DirectoryService(session), actor, rows)
                if result[1]:
                    await session.rollback()
                else:
                    await session.commit()
                return result
        finally:
            await engine.dispose()

    try:
        people, errors = asyncio.run(run())
    except ClientflowError as error:
        print(f"clientflow directory import: {error.message}", file=sys.stderr)
        return 2
    if errors:
        print(
            f"clientflow directory import: nothing written; columns are {', '.join(IMPORT_COLUMNS)}",
            file=sys.stderr,
        )
        for line in errors[:50]:
            print(f"  {line}", file=sys.stderr)
        return 2
    print(f"people imported: {people}")
    return 0


def _audit(_args: argparse.Namespace) -> int:
    from sqlalchemy.ext.asyncio import AsyncSession

    from services.clients.audit import verify_chains
    from services.common.config import DatabaseSettings, load_settings
    from services.common.db import create_engine

    async def run() -> tuple[int, list[Any]]:
        engine = create_engine(load_settings(DatabaseSettings).database_url, instrument=False)
        try:
            async with AsyncSession(engine) as session:
                return await verify_chains(session)
        finally:
            await engine.dispose()

    checked, breaks = asyncio.run(run())
    for item in breaks[:100]:
        print(
            f"audit entry {item.id} (client {item.client_id or '-'}, #{item.seq}): {item.problem}"
        )
    if breaks:
        print(f"audit trail BROKEN: {len(breaks)} of {checked} entries", file=sys.stderr)
        return 1
    print(f"audit trail intact: {checked} entries")
    return 0


def _openapi(_args: argparse.Namespace) -> int:
    from pydantic import SecretStr

    from services.gateway.app import create_app
    from services.gateway.settings import GatewaySettings

    # Printing the schema needs no setting: placeholders for the secrets a serving gateway
    # must be given, and the environment is not read.
    placeholder = secrets.token_urlsafe(32)
    app = create_app(
        GatewaySettings.model_construct(
            **{
                name: field.get_default(call_default_factory=True)
                for name, field in GatewaySettings.model_fields.items()
            }
            | {"auth_jwt_secret": SecretStr(placeholder), "internal_secret": SecretStr(placeholder)}
        )
    )
    print(json.dumps(app.openapi(), indent=2, ensure_ascii=False))
    return 0


def build_parser() -> argparse.ArgumentParser:
    """Every subcommand and flag."""
    parser = argparse.ArgumentParser(
        prog="clientflow", description="Clientflow: clients and their processes."
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in PROCESSES:
        commands.add_parser(
            name, help=f"run the {name} process (settings from CLIENTFLOW_* variables)"
        )

    dev = commands.add_parser("dev", help="run the whole system on this machine")
    dev.add_argument(
        "--demo", action="store_true", help="seed a demo book of ~2,000 clients (once)"
    )
    dev.add_argument(
        "--data-dir", type=Path, help="where data and logs live (default ./.clientflow)"
    )
    for flag in (
        "gateway",
        "console",
        "clients",
        "notifications",
        "reporting",
        "workflows",
        "postgres",
        "temporal",
        "mail",
    ):
        dev.add_argument(f"--{flag}-port", type=int, dest=f"{flag}_port", help=f"{flag} port")
    dev.add_argument(
        "--temporal-ui-port", type=int, dest="temporal_ui_port", help="Temporal UI port"
    )
    dev.add_argument(
        "--prometheus",
        action="store_true",
        default=None,
        help="also run Prometheus (Debian's package) over every process's metrics",
    )
    dev.add_argument("--prometheus-port", type=int, dest="prometheus_port", help="its port")
    dev.add_argument(
        "--mail-api-port", type=int, dest="mail_api_port", help="the mail catcher's lookup API"
    )
    dev.add_argument(
        "--worker-health-port", type=int, dest="worker_health_port", help="the worker's health"
    )
    dev.add_argument(
        "--dev-sign-in",
        action="store_true",
        default=None,
        dest="dev_sign_in",
        help="also serve POST /v1/dev/token, which mints a token for anyone (development only)",
    )

    migrate = commands.add_parser("migrate", help="apply database migrations for every service")
    migrate.add_argument("--database-url", help="default: CLIENTFLOW_DATABASE_URL / DATABASE_URL")
    migrate.add_argument(
        "--search-attributes",
        action="store_true",
        help="also register Temporal search attributes (at CLIENTFLOW_TEMPORAL_ADDRESS)",
    )

    token = commands.add_parser("token", help="mint a development bearer token")
    token.add_argument("--user", required=True, help="user id (the token's subject)")
    token.add_argument("--role", action="append", required=True, help="a role; repeat for several")
    token.add_argument("--team", help="team id")
    token.add_argument("--ttl", type=int, default=8 * 3600, help="seconds until it expires")
    token.add_argument(
        "--data-dir",
        type=Path,
        default=Path(".clientflow"),
        help="where `clientflow dev` keeps its secret",
    )

    schedules = commands.add_parser(
        "schedules", help="Temporal Schedules of the periodic processes"
    )
    schedules_commands = schedules.add_subparsers(dest="action", required=True, metavar="ACTION")
    schedules_commands.add_parser(
        "sync", help="create missing schedules and update the others (a pause is kept)"
    )
    rules = commands.add_parser("rules", help="trigger rules")
    rules_commands = rules.add_subparsers(dest="action", required=True, metavar="ACTION")
    rules_commands.add_parser(
        "install-defaults", help="add the default rules an installation has not got yet"
    )

    directory = commands.add_parser("directory", help="the directory of teams and people")
    directory_commands = directory.add_subparsers(dest="action", required=True, metavar="ACTION")
    directory_import = directory_commands.add_parser(
        "import",
        help="import people from a CSV (user_id,name,email,team_id,role,active; a row per team)",
    )
    directory_import.add_argument("file", help="the CSV file (UTF-8)")

    audit = commands.add_parser("audit", help="the audit trail")
    audit_commands = audit.add_subparsers(dest="action", required=True, metavar="ACTION")
    audit_commands.add_parser(
        "verify", help="recompute every hash chain; exit 1 naming each edited or deleted entry"
    )

    commands.add_parser("openapi", help="print the gateway's OpenAPI document")
    commands.add_parser(
        "setup",
        help="migrations, search attributes, schedules and default rules (idempotent; once per release)",
    )
    probe = commands.add_parser("probe", help="exit 0 when an HTTP or gRPC endpoint is healthy")
    probe.add_argument("target", help="http://host:port/healthz or grpc://host:port")
    probe.add_argument("--timeout", type=float, default=3.0, help="seconds")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of the `clientflow` script."""
    args = build_parser().parse_args(argv)
    if args.command in PROCESSES:
        return _serve(args.command)
    handlers: dict[str, Callable[[argparse.Namespace], int]] = {
        "dev": _dev,
        "migrate": _migrate,
        "token": _token,
        "openapi": _openapi,
        "schedules": _schedules,
        "rules": _rules,
        "directory": _directory,
        "audit": _audit,
        "setup": _setup,
        "probe": _probe,
    }
    return handlers[args.command](args)


if __name__ == "__main__":
    sys.exit(main())


def all_setting_env_names() -> set[str]:
    """Every environment variable some process's settings class reads."""
    from services.clients.settings import ClientsSettings
    from services.common.config import setting_env_names
    from services.console.settings import ConsoleSettings
    from services.devstack.settings import DevSettings
    from services.gateway.settings import GatewaySettings
    from services.notifications.settings import NotificationsSettings
    from services.reporting.settings import ReportingSettings
    from services.workflows.settings import WorkerSettings, WorkflowsSettings

    names: set[str] = set()
    for cls in (
        ClientsSettings,
        NotificationsSettings,
        ReportingSettings,
        WorkflowsSettings,
        WorkerSettings,
        GatewaySettings,
        ConsoleSettings,
        DevSettings,
    ):
        names |= setting_env_names(cls)
    return names
