"""The e-mail channel's message as the `email` package writes it: what
`services/notifications/channels/mime.py` is compared with part for part, and the message a
direct aiosmtplib sender builds in the benchmarks."""

from __future__ import annotations

from email.message import EmailMessage
from email.utils import formataddr, formatdate

from services.notifications.channels.base import OutboundMessage
from services.notifications.channels.email import SmtpConfig, message_id
from services.notifications.channels.mime import bodies


def email_package_message(
    message: OutboundMessage, config: SmtpConfig, logo: tuple[bytes, str] | None = None
) -> EmailMessage:
    email = EmailMessage()
    email["From"] = config.sender
    email["To"] = formataddr((message.recipient_name, message.recipient))
    email["Subject"] = message.subject
    email["Date"] = formatdate(localtime=False)
    email["Message-ID"] = message_id(message.idempotency_key, config.message_id_domain)
    email["X-Clientflow-Delivery"] = message.delivery_id
    if message.unsubscribe_url:
        email["List-Unsubscribe"] = f"<{message.unsubscribe_url}>"
        email["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    text, html = bodies(message)
    email.set_content(text)
    if html:
        email.add_alternative(html, subtype="html")
        if logo is not None and "cid:firm-logo" in html:
            part = email.get_body(("html",))
            assert part is not None
            part.add_related(logo[0], "image", logo[1], cid="<firm-logo>")
    for attachment in message.attachments:
        maintype, _, subtype = attachment.content_type.partition("/")
        params = {"method": "REQUEST"} if attachment.content_type == "text/calendar" else {}
        email.add_attachment(
            attachment.content,
            maintype=maintype or "application",
            subtype=subtype or "octet-stream",
            filename=attachment.filename,
            params=params,
        )
    # Last: setting the content drops every Content-* header set before it.
    email["Content-Language"] = message.locale
    return email
