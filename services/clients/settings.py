"""The clients service's settings."""

from __future__ import annotations

from pydantic import Field

from services.common.config import (
    GrpcServiceSettings,
)


class ClientsSettings(GrpcServiceSettings):
    """The clients service."""

    # The mail dropbox (SMTP) staff BCC or forward client mail to; 0 = not started.
    mail_dropbox_port: int = Field(0, ge=0, le=65535)
    # Connected mailboxes are synchronised this often (seconds; 0 = only on request).
    mail_sync_seconds: float = Field(60.0, ge=0, le=86400)
    # The IMAP ports a mailbox may name (comma-separated): the service must not be made to
    # probe other services of the network.
    mail_imap_ports: str = Field("143,993", pattern=r"^\d{1,5}(,\d{1,5})*$")

    def imap_ports(self) -> frozenset[int]:
        return frozenset(int(p) for p in self.mail_imap_ports.split(","))
