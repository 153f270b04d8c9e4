"""Domain logic of the notifications service: inbox, templates, consent."""

from __future__ import annotations

import re
import uuid
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from services.common.errors import Aborted, InvalidArgument, NotFound, PermissionDenied
from services.common.identity import Actor, Role
from services.common.ids import parse_id
from services.common.pagination import encode_cursor, page_size, parse_cursor
from services.notifications.models import CATEGORIES, LOCALES, ConsentRecord, InboxMessage, Template
from services.notifications.repository import ConsentRepository, InboxRepository, TemplateRepository
from services.notifications.templates import Content, check_syntax, render_bounded

TEMPLATE_KEY = re.compile(r"^[a-z0-9][a-z0-9._-]{0,99}$")
# Channels a client can refuse (the in-app inbox is for staff).
CONSENT_CHANNELS = ("email", "sms", "wecom")
MAX_TEMPLATE_PART = 100_000


def require_admin(actor: Actor, what: str) -> Actor:
    if not actor.has(Role.ADMIN):
        raise PermissionDenied(f"only an admin may {what}")
    return actor


def check_locale(field: str, locale: str) -> str:
    if locale not in LOCALES:
        raise InvalidArgument(field, locale, f"must be one of {', '.join(LOCALES)}")
    return locale


def locale_order(locale: str) -> list[str]:
    """The requested locale, then the others (zh-CN before en)."""
    return [locale, *(other for other in LOCALES if other != locale)]


class InboxService:
    def __init__(self, session: AsyncSession) -> None:
        self.repository = InboxRepository(session)

    async def list(
        self, actor: Actor, user_id: str, *, size: int, token: str
    ) -> tuple[list[InboxMessage], str]:
        """A page of the user's inbox; only the user (or a service/admin) may read it."""
        if not user_id:
            raise InvalidArgument("user_id", user_id, "must not be empty")
        if actor.user_id != user_id and not actor.has(Role.ADMIN, Role.SERVICE):
            # Another user's inbox is indistinguishable from one that does not exist.
            raise NotFound(f"inbox of {user_id} not found", field="user_id", value=user_id)
        limit = page_size(size)
        after = parse_cursor(token, lambda c: (datetime.fromisoformat(c[0]), uuid.UUID(c[1])))
        rows = await self.repository.page(user_id, limit=limit + 1, after=after)
        next_token = ""
        if len(rows) > limit:
            rows = rows[:limit]
            last = rows[-1]
            next_token = encode_cursor([last.created_at.isoformat(), str(last.id)])
        return rows, next_token

    async def mark_read(self, actor: Actor, message_id: str) -> InboxMessage:
        key = parse_id("id", message_id, "a message id")
        message = await self.repository.get(key)
        if message is None or message.user_id != actor.user_id:
            raise NotFound(f"inbox message {message_id} not found", field="id", value=message_id)
        if message.read_at is None:
            message.read_at = datetime.now(UTC)
        return message


class TemplateService:
    def __init__(self, session: AsyncSession) -> None:
        self.repository = TemplateRepository(session)

    async def put(
        self,
        actor: Actor,
        key: str,
        locale: str,
        content: Content,
        *,
        category: str,
        sample_variables: dict[str, Any],
    ) -> Template:
        """Save a new version; the old ones stay, so the ledger can name what was sent."""
        actor = require_admin(actor, "change templates")
        if not TEMPLATE_KEY.match(key):
            raise InvalidArgument(
                "key", key, "must be 1-100 lowercase letters, digits, '.', '_' or '-'"
            )
        check_locale("locale", locale)
        category = category or "service"
        if category not in CATEGORIES:
            raise InvalidArgument("category", category, f"must be one of {', '.join(CATEGORIES)}")
        if not content.subject.strip():
            raise InvalidArgument("content.subject", content.subject, "must not be empty")
        if not content.body_text.strip():
            raise InvalidArgument("content.body_text", content.body_text, "must not be empty")
        for part in ("subject", "body_text", "body_html"):
            if len(getattr(content, part)) > MAX_TEMPLATE_PART:
                raise InvalidArgument(
                    f"content.{part}", "(long)", f"must be at most {MAX_TEMPLATE_PART} characters"
                )
        check_syntax(content)
        if sample_variables:
            await render_bounded(content, sample_variables)
        version = await self.repository.next_version(key, locale)
        await self.repository.revive(key)
        try:
            return await self.repository.add(
                Template(
                    key=key,
                    locale=locale,
                    version=version,
                    subject=content.subject,
                    body_text=content.body_text,
                    body_html=content.body_html,
                    category=category,
                    sample_variables=sample_variables,
                    created_by=actor.user_id,
                )
            )
        except IntegrityError:
            raise Aborted(
                f"template {key} ({locale}) was saved concurrently; retry",
                field="key",
                value=key,
            ) from None

    async def get(self, key: str) -> list[Template]:
        """The latest live version of each locale, or NOT_FOUND."""
        rows = await self.repository.latest(key)
        if not rows:
            raise NotFound(f"template {key} not found", field="key", value=key)
        return rows

    async def list(self) -> dict[str, list[Template]]:
        result: dict[str, list[Template]] = {}
        for row in await self.repository.latest():
            result.setdefault(row.key, []).append(row)
        return result

    async def delete(self, actor: Actor, key: str) -> None:
        require_admin(actor, "retire templates")
        if not await self.repository.retire(key, datetime.now(UTC)):
            raise NotFound(f"template {key} not found", field="key", value=key)

    async def resolve(self, key: str, locale: str) -> Template:
        """The template in `locale`, else in the fallback locale."""
        by_locale = {row.locale: row for row in await self.get(key)}
        for candidate in locale_order(locale if locale in LOCALES else LOCALES[0]):
            if candidate in by_locale:
                return by_locale[candidate]
        raise NotFound(f"template {key} not found", field="key", value=key)  # pragma: no cover

    async def preview(
        self,
        key: str,
        locale: str,
        variables: dict[str, Any] | None,
        draft: Content | None,
    ) -> tuple[Template | None, Content]:
        """Render a stored template or a draft; no variables means the sample ones."""
        check_locale("locale", locale)
        if draft is not None:
            check_syntax(draft, field_prefix="draft")
            return None, await render_bounded(draft, variables or {})
        template = await self.resolve(key, locale)
        content = Content(template.subject, template.body_text, template.body_html)
        # An explicit variables object, even an empty one, is used as given.
        chosen = variables if variables is not None else dict(template.sample_variables)
        return template, await render_bounded(content, chosen)


class ConsentService:
    def __init__(self, session: AsyncSession) -> None:
        self.repository = ConsentRepository(session)

    async def get(self, client_id: uuid.UUID) -> list[ConsentRecord]:
        return await self.repository.for_client(client_id)

    async def set(
        self,
        actor: Actor,
        client_id: uuid.UUID,
        entries: list[tuple[str, str, bool, str]],
    ) -> list[ConsentRecord]:
        """Record (channel, category, opted_out, source) choices; all or nothing."""
        if not entries:
            raise InvalidArgument("channels", [], "must name at least one channel and category")
        for index, (channel, category, opted_out, source) in enumerate(entries):
            if channel not in CONSENT_CHANNELS:
                raise InvalidArgument(
                    f"channels[{index}].channel",
                    channel,
                    f"must be one of {', '.join(CONSENT_CHANNELS)}",
                )
            if category not in CATEGORIES:
                raise InvalidArgument(
                    f"channels[{index}].category",
                    category,
                    f"must be one of {', '.join(CATEGORIES)}",
                )
            if category == "service" and opted_out:
                raise InvalidArgument(
                    f"channels[{index}].opted_out",
                    True,
                    "service messages about the client's own accounts cannot be refused;"
                    " only marketing can",
                )
            if len(source) > 200:
                raise InvalidArgument(
                    f"channels[{index}].source", source[:40], "must be at most 200 characters"
                )
        for channel, category, opted_out, source in entries:
            await self.repository.upsert(
                client_id,
                channel,
                category,
                opted_out=opted_out,
                source=source,
                updated_by=actor.user_id,
            )
        return await self.repository.for_client(client_id)
