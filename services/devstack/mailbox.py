"""The dev stack's mail catcher: an SMTP server (aiosmtpd) on loopback that keeps every
message as an .eml file under the data dir, so `clientflow dev` sends real e-mail without
an account anywhere. Run as `python -m services.devstack.mailbox PORT DIR`."""

from __future__ import annotations

import asyncio
import re
import signal
import sys
import time
from pathlib import Path

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, Envelope, Session

_UNSAFE = re.compile(r"[^A-Za-z0-9@._-]+")


class MailboxHandler:
    def __init__(self, directory: Path) -> None:
        self.directory = directory
        directory.mkdir(parents=True, exist_ok=True)
        self.count = 0

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        self.count += 1
        recipient = _UNSAFE.sub("_", ",".join(envelope.rcpt_tos))[:80]
        name = f"{time.strftime('%Y%m%dT%H%M%S')}-{self.count:05d}-{recipient}.eml"
        content = envelope.original_content or b""
        (self.directory / name).write_bytes(content)
        return "250 2.0.0 kept in the dev mailbox"


def main(argv: list[str] | None = None) -> int:
    args = argv if argv is not None else sys.argv[1:]
    port, directory = int(args[0]), Path(args[1])
    controller = Controller(MailboxHandler(directory), hostname="127.0.0.1", port=port)
    controller.start()

    async def wait() -> None:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, stop.set)
        await stop.wait()

    try:
        asyncio.run(wait())
    finally:
        controller.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
