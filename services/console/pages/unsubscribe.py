"""The one-click unsubscribe page of marketing e-mail (RFC 8058). A mail client POSTs to the
link itself (`List-Unsubscribe=One-Click`, no cookie, no CSRF token: the signed token is the
authority); a person who opens it gets a page with one button, because mail scanners follow
links with GET and must not unsubscribe anyone."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from services.console.api import ApiError
from services.console.pages.portal import _gateway, render

router = APIRouter()


@router.get("/unsubscribe/{token}", response_class=HTMLResponse)
async def unsubscribe_page(request: Request, token: str) -> Response:
    return render(request, "unsubscribe.html", token=token[:300], done=False, refused=False)


@router.post("/unsubscribe/{token}", response_class=HTMLResponse)
async def unsubscribe(request: Request, token: str) -> Response:
    try:
        await _gateway(request).request("POST", f"/v1/unsubscribe/{token[:300]}", "")
    except ApiError as error:
        if error.status >= 500:
            raise
        return render(request, "unsubscribe.html", 400, token=token[:300], done=False, refused=True)
    return render(request, "unsubscribe.html", token=token[:300], done=True, refused=False)
