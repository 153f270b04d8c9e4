"""A meeting a process books with a client, as an iCalendar invitation (RFC 5546 REQUEST):
the advisor organises, the client is asked to answer (RSVP), the event's UID names the process
(`{workflow id}@clientflow`) so the client's answer — captured from mail — finds its way back.
Stored once per process as the client's `meeting-invitation` artifact, for the e-mail to carry.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import grpc
from clientflow.clients.v1 import clients_pb2, clients_pb2_grpc
from clientflow.reporting.v1 import reporting_pb2, reporting_pb2_grpc
from icalendar import Calendar, Event, vCalAddress, vText
from temporalio import activity

from services.common.identity import SYSTEM_ACTOR
from services.workflows.contract import MEETING_UID_SUFFIX
from services.workflows.worker.activities.errors import raise_activity_error

PREPARE_MEETING_INVITATION = "meetings.prepare_invitation"
KIND = "meeting-invitation"
TITLES = {"zh-CN": "{year} 年度策略回顾", "en": "{year} annual strategy review"}
CLOCK = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$")


@dataclass(frozen=True)
class MeetingRequest:
    workflow_id: str
    client_id: str
    advisor_id: str
    year: int
    meeting_on: str  # YYYY-MM-DD
    meeting_time: str = ""  # HH:MM in the client's time zone; "" = all day
    minutes: int = 60


@dataclass(frozen=True)
class MeetingInvitation:
    artifact_id: str
    starts: str  # what the e-mail says: "2027-01-20 10:00" or "2027-01-20"


def uid_of(workflow_id: str) -> str:
    return f"{workflow_id}{MEETING_UID_SUFFIX}"


def invitation(
    request: MeetingRequest,
    client: clients_pb2.Client,
    organizer: clients_pb2.Person | None,
) -> tuple[bytes, str]:
    """The REQUEST's bytes and the start as the e-mail shows it."""
    try:
        zone = ZoneInfo(client.timezone or "Asia/Shanghai")
    except (ZoneInfoNotFoundError, ValueError):
        zone = ZoneInfo("Asia/Shanghai")
    day = date.fromisoformat(request.meeting_on)
    clock = CLOCK.match(request.meeting_time.strip())
    calendar = Calendar()
    calendar.add("prodid", "-//Clientflow//Meetings//EN")
    calendar.add("version", "2.0")
    calendar.add("method", "REQUEST")
    event = Event()
    event.add("uid", uid_of(request.workflow_id))
    # Fixed by the meeting, not by the clock: a retried activity writes the same bytes.
    event.add("dtstamp", datetime.combine(day, time(0), UTC))
    event.add("sequence", 0)
    if clock:
        starts = datetime.combine(day, time(int(clock[1]), int(clock[2])), zone)
        event.add("dtstart", starts)
        event.add("dtend", starts + timedelta(minutes=request.minutes))
        shown = f"{request.meeting_on} {clock[0]}"
    else:
        event.add("dtstart", day)
        event.add("dtend", day + timedelta(days=1))
        shown = request.meeting_on
    locale = client.locale if client.locale in TITLES else "zh-CN"
    event.add("summary", TITLES[locale].format(year=request.year))
    if organizer is not None and organizer.email:
        who = vCalAddress(f"mailto:{organizer.email}")
        who.params["cn"] = vText(organizer.name)
        event.add("organizer", who)
    if client.email:
        attendee = vCalAddress(f"mailto:{client.email}")
        attendee.params["cn"] = vText(client.name)
        attendee.params["role"] = vText("REQ-PARTICIPANT")
        attendee.params["partstat"] = vText("NEEDS-ACTION")
        attendee.params["rsvp"] = vText("TRUE")
        event.add("attendee", attendee)
    calendar.add_component(event)
    return calendar.to_ical(), shown


class MeetingActivities:
    def __init__(
        self,
        clients: clients_pb2_grpc.ClientsServiceStub,
        directory: clients_pb2_grpc.DirectoryServiceStub,
        reporting: reporting_pb2_grpc.ReportingServiceStub,
    ) -> None:
        self.clients, self.directory, self.reporting = clients, directory, reporting

    @activity.defn(name=PREPARE_MEETING_INVITATION)
    async def prepare_invitation(self, request: MeetingRequest) -> MeetingInvitation:
        metadata = SYSTEM_ACTOR.to_metadata()
        try:
            client = await self.clients.GetClient(
                clients_pb2.GetClientRequest(id=request.client_id), metadata=metadata, timeout=30
            )
            organizer = await self._person(request.advisor_id)
            content, shown = invitation(request, client, organizer)
            listed = await self.reporting.ListClientArtifacts(
                reporting_pb2.ListClientArtifactsRequest(
                    client_id=request.client_id, page_size=200
                ),
                metadata=metadata,
                timeout=30,
            )
            for artifact in listed.artifacts:  # made before by a retried attempt
                if artifact.kind == KIND and artifact.workflow_id == request.workflow_id:
                    return MeetingInvitation(artifact.id, shown)
            artifact = await self.reporting.CreateArtifact(
                reporting_pb2.CreateArtifactRequest(
                    kind=KIND,
                    client_id=request.client_id,
                    period=str(request.year),
                    content_type="text/calendar",
                    content=content,
                    workflow_id=request.workflow_id,
                ),
                metadata=metadata,
                timeout=30,
            )
        except grpc.RpcError as error:
            raise_activity_error(error)
        return MeetingInvitation(artifact.id, shown)

    async def _person(self, user_id: str) -> clients_pb2.Person | None:
        if not user_id:
            return None
        try:
            person: clients_pb2.Person = await self.directory.GetPerson(
                clients_pb2.GetPersonRequest(user_id=user_id),
                metadata=SYSTEM_ACTOR.to_metadata(),
                timeout=10,
            )
            return person
        except grpc.RpcError as error:
            if error.code() == grpc.StatusCode.NOT_FOUND:
                return None
            raise
