"""What `clientflow dev` tells its user once the stack is ready, and the metrics port each
process gets when metrics are asked for (one CLIENTFLOW_METRICS_PORT handed to every process
would let only the first bind it)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from services.common.tokens import mint_token
from services.devstack import helpers

if TYPE_CHECKING:
    from services.devstack.supervisor import DevStack


def metrics_ports(names: Sequence[str], base: str | None) -> dict[str, int]:
    """Process name -> its /metrics port: `base`, `base + 1`, … in the order given; none
    when `base` is unset."""
    if not base:
        return {}
    try:
        first = int(base)
    except ValueError:
        raise SystemExit(f"CLIENTFLOW_METRICS_PORT={base!r} is not a port number") from None
    if not 1 <= first <= 65535 - len(names):
        raise SystemExit(f"CLIENTFLOW_METRICS_PORT={base} leaves no room for {len(names)} ports")
    return {name: first + index for index, name in enumerate(names)}


def banner(stack: DevStack) -> str:
    """The short block printed once the stack is ready."""
    token = mint_token(stack.secret, user_id="admin", roles=["admin"], ttl_seconds=7 * 24 * 3600)
    temporal = stack.ui_url or f"{stack.temporal_address} (external; use its own UI)"
    mail = (
        f"{helpers.mail_dir(stack)}   (every e-mail sent, as .eml; lookup API"
        f" {helpers.mail_api_url(stack)})"
        if stack.settings.smtp_host is None
        else f"SMTP {stack.settings.smtp_host}"
    )
    lines = [
        "Clientflow is ready.",
        f"  Console      {stack.console_line}",
        f"  Client portal {stack.console_url}/portal   (a code to the client's e-mail)",
        f"  API          {stack.gateway_url}   (docs: {stack.gateway_url}/docs)",
        f"  Temporal UI  {temporal}",
        f"  Data         {stack.data_dir}   (logs: {stack.logs})",
        f"  Mail         {mail}",
    ]
    lines += [
        f"  Stopped      {name}: kept crashing, left stopped (restart clientflow dev to retry)"
        for name in sorted(stack.given_up)
    ]
    host = stack.settings.bind_host
    lines += [
        f"  Metrics      {name:<13} http://{host}:{port}/metrics"
        for name, port in stack.metrics_ports.items()
    ]
    if stack.settings.prometheus:
        lines.append(
            f"  Prometheus   {helpers.prometheus_url(stack)}   (alerts: /alerts; targets: /targets)"
        )
    lines += [f"  Admin token  {token}", "Press Ctrl-C to stop."]
    return "\n".join(lines)
