"""What routes about a client share: the answer for another book's client, and the page
parameters of a client's lists."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Query

# Another advisor's client is indistinguishable from a missing one.
NOT_YOURS: dict[int | str, dict[str, Any]] = {404: {"description": "No such client, or not yours"}}
PageSize = Annotated[int, Query(ge=1, le=200)]
PageToken = Annotated[str, Query(max_length=500)]
