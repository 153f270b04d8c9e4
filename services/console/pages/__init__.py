"""The console's pages, by area; each a view of gateway routes called with the signed-in
person's token: what the API refuses is the console's 404 page, what it rejects is shown
beside the form that sent it."""

from fastapi import APIRouter, Depends

from services.console.pages import (
    admin,
    clients,
    designer,
    funds,
    record_designer,
    record_tools,
    records,
    requests,
    runs,
    segments,
    timeline,
    work,
)
from services.console.people import fresh_names

router = APIRouter(dependencies=[Depends(fresh_names)])
# record_tools before records: /records/{key}/export is not a record's page
for area in (
    work,
    clients,
    timeline,
    requests,
    segments,
    record_tools,
    records,
    record_designer,
    runs,
    funds,
    admin,
    designer,
):
    router.include_router(area.router)
