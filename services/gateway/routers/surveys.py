"""/v1/surveys: answering a survey from the signed link in an invitation (the link is the
bearer credential: it names one survey of one client and takes one answer), and
/v1/survey-campaigns: NPS campaigns over a segment on a schedule (admins)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from clientflow.workflows.v1 import workflows_pb2
from fastapi import APIRouter, Depends, Path, Request
from fastapi.security import HTTPAuthorizationCredentials
from pydantic import BaseModel, ConfigDict, Field

from services.common.errors import Unauthenticated
from services.common.identity import Actor, Role
from services.common.protos import when
from services.gateway.auth import bearer
from services.gateway.deadlines import POINT
from services.gateway.deps import Services, service_clients

router = APIRouter(tags=["surveys"])

# The gateway's own identity when it passes a survey link on (the workflows service
# verifies the link itself).
SURVEY_GATEWAY = Actor(user_id="system:survey-link", roles=frozenset({Role.SERVICE}))


async def survey_link(
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> str:
    """The survey link token from `Authorization: Bearer` (401 without one)."""
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise Unauthenticated("Authorization: Bearer <survey link token> is required")
    if len(credentials.credentials) > 1000:
        raise Unauthenticated("the survey link is not valid (or has expired)")
    return credentials.credentials


SurveyLink = Annotated[str, Depends(survey_link)]


class SurveyOut(BaseModel):
    survey: str = Field(description="nps (0-10) | csat (1-5)")
    open: bool
    request_names: dict[str, str] = Field(default_factory=dict)


class AnswerIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    score: int = Field(ge=0, le=10)
    comment: str = Field("", max_length=2000)


class AnswerOut(BaseModel):
    survey: str
    score: int


LINK_REFUSED: dict[int | str, dict[str, Any]] = {
    401: {"description": "The link is not valid or has expired"},
}


@router.post("/v1/surveys/describe", response_model=SurveyOut, responses=LINK_REFUSED)
async def describe_survey(link: SurveyLink, request: Request) -> SurveyOut:
    """What the link asks, and whether it still takes an answer."""
    reply = await service_clients(request).requests.DescribeSurvey(
        workflows_pb2.DescribeSurveyRequest(link_token=link),
        metadata=SURVEY_GATEWAY.to_metadata(),
        timeout=POINT,
    )
    names = {"zh-CN": reply.request_name_zh, "en": reply.request_name_en}
    return SurveyOut(
        survey=reply.survey, open=reply.open, request_names=names if reply.request_name_en else {}
    )


@router.post(
    "/v1/surveys/answer",
    response_model=AnswerOut,
    responses={
        **LINK_REFUSED,
        409: {"description": "The survey has an answer already, or has closed"},
    },
)
async def answer_survey(link: SurveyLink, body: AnswerIn, request: Request) -> AnswerOut:
    """One answer per invitation: NPS 0-10, CSAT 1-5 (400 naming `score` otherwise)."""
    reply = await service_clients(request).requests.AnswerSurvey(
        workflows_pb2.AnswerSurveyRequest(link_token=link, score=body.score, comment=body.comment),
        metadata=SURVEY_GATEWAY.to_metadata(),
        timeout=POINT * 3,
    )
    return AnswerOut(survey=reply.survey, score=reply.score)


class CampaignIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    segment_id: str = Field(min_length=1, max_length=64)
    every_days: int = Field(90, ge=1, le=366)
    min_days_between: int = Field(180, ge=1, le=3660)


class CampaignOut(BaseModel):
    key: str
    segment_id: str
    every_days: int
    min_days_between: int
    paused: bool
    next_run_at: datetime | None


def campaign_out(m: workflows_pb2.NpsCampaign) -> CampaignOut:
    return CampaignOut(
        key=m.key,
        segment_id=m.segment_id,
        every_days=m.every_days,
        min_days_between=m.min_days_between,
        paused=m.paused,
        next_run_at=when(m, "next_run_at"),
    )


@router.get("/v1/survey-campaigns", response_model=list[CampaignOut])
async def list_campaigns(services: Services) -> list[CampaignOut]:
    reply = await services.requests.ListNpsCampaigns(workflows_pb2.ListNpsCampaignsRequest())
    return [campaign_out(c) for c in reply.campaigns]


@router.put("/v1/survey-campaigns/{key}", response_model=CampaignOut)
async def put_campaign(
    services: Services, body: CampaignIn, key: str = Path(max_length=64)
) -> CampaignOut:
    """Admins: survey the segment's clients every `every_days`, none more often than every
    `min_days_between` (consent, quiet hours and the frequency cap apply to each message)."""
    reply = await services.requests.PutNpsCampaign(
        workflows_pb2.NpsCampaign(
            key=key,
            segment_id=body.segment_id,
            every_days=body.every_days,
            min_days_between=body.min_days_between,
        )
    )
    return campaign_out(reply)


@router.delete("/v1/survey-campaigns/{key}", response_model=CampaignOut)
async def delete_campaign(services: Services, key: str = Path(max_length=64)) -> CampaignOut:
    reply = await services.requests.DeleteNpsCampaign(
        workflows_pb2.DeleteNpsCampaignRequest(key=key)
    )
    return campaign_out(reply)
