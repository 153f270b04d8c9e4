"""The portal's "My investments": an investor's capital account in each fund, the calls and
distributions with their share and status (the reference to quote on a transfer), and the
notices to download."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from services.console.pages.portal import Client, _gateway, render

router = APIRouter(prefix="/portal")
NOTICES = ("capital-call-notice", "distribution-notice")


@router.get("/investments", response_class=HTMLResponse)
async def investments_page(request: Request, client: Client) -> Response:
    gw = _gateway(request)
    accounts = await gw.get("/v1/portal/capital-accounts", client.token)
    events = await gw.get("/v1/portal/capital-events", client.token)
    reports = await gw.get("/v1/portal/reports", client.token)
    notices = [r for r in reports if r["kind"] in NOTICES]
    return render(request, "investments.html", accounts=accounts, events=events, notices=notices)
