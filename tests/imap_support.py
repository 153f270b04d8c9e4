"""A real IMAP server for tests: Debian's Dovecot (`dovecot-imapd`, which `.ci/run` installs),
started by the test with a configuration of its own in a temporary directory — plain IMAP on
loopback, one user per test from a passwd-file, Maildir storage — and stopped after it."""

from __future__ import annotations

import contextlib
import pwd
import shutil
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from imap_tools import MailBoxUnencrypted

IMAP_PORT = 31143  # a fixed port: the clients service's allow-list in tests names it
CONFIG = """
base_dir = {root}/run
state_dir = {root}/state
log_path = {root}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
mail_location = maildir:{root}/mail/%u
first_valid_uid = 1
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {root}/users
}}
userdb {{
  driver = static
  args = uid={user} gid={user} home={root}/home/%u
}}
service imap-login {{
  chroot =
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
service anvil {{
  chroot =
}}
"""


@dataclass
class ImapServer:
    root: Path
    port: int = IMAP_PORT

    def add_user(self, name: str, password: str) -> None:
        with (self.root / "users").open("a") as users:
            users.write(f"{name}:{{PLAIN}}{password}::::::\n")

    def deliver(self, user: str, password: str, message: bytes) -> None:
        with MailBoxUnencrypted("127.0.0.1", self.port).login(user, password) as box:
            box.append(message, "INBOX")


def dovecot_binary() -> str | None:
    return shutil.which("dovecot") or (
        "/usr/sbin/dovecot" if Path("/usr/sbin/dovecot").exists() else None
    )


@contextlib.contextmanager
def dovecot(root: Path) -> Iterator[ImapServer]:
    binary = dovecot_binary()
    assert binary, "dovecot is not installed (apt-get install dovecot-imapd)"
    user = "mail"
    uid = pwd.getpwnam(user).pw_uid
    for part in ("run", "state", "mail", "home"):
        (root / part).mkdir(parents=True, exist_ok=True)
    for part in ("mail", "home"):
        shutil.chown(root / part, uid, uid)
    (root / "users").write_text("")
    config = root / "dovecot.conf"
    config.write_text(CONFIG.format(root=root, user=user, port=IMAP_PORT))
    subprocess.run([binary, "-c", str(config)], check=True)
    try:
        for _ in range(50):
            with contextlib.suppress(OSError):
                import socket

                socket.create_connection(("127.0.0.1", IMAP_PORT), timeout=0.2).close()
                break
            time.sleep(0.1)
        yield ImapServer(root)
    finally:
        subprocess.run([binary, "-c", str(config), "stop"], check=False)
