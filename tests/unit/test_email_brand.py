"""The firm's layout around a client e-mail: values from settings and the directory are
escaped, a text-only template becomes paragraphs, the signature is in the client's language."""

from __future__ import annotations

from pathlib import Path

from services.notifications.branding import Brand, Signature, branded
from services.notifications.templates import Content

BRAND = Brand("A&B <Wealth>", "#112233", "1 Road", Path("logo.png"))


def test_a_text_only_template_is_laid_out_and_signed_in_the_clients_language() -> None:
    content = Content("Hi", "Dear Li,\n\nYour report <Q4> is ready.\nRegards", "")
    out = branded(content, "zh-CN", BRAND, Signature("<b>王</b>", "wang@example.com"))
    assert out.subject == "Hi"
    assert out.body_text.endswith("您的专属顾问\n<b>王</b>\nwang@example.com\nA&B <Wealth>\n1 Road")
    assert "<p>Dear Li,</p><p>Your report &lt;Q4&gt; is ready.<br>Regards</p>" in out.body_html
    assert "&lt;b&gt;王&lt;/b&gt;" in out.body_html and "<b>王</b>" not in out.body_html
    assert "A&amp;B &lt;Wealth&gt;" in out.body_html
    assert 'src="cid:firm-logo"' in out.body_html and 'lang="zh-CN"' in out.body_html


def test_no_signature_and_no_logo_when_there_is_none() -> None:
    plain = Brand("Firm", "#000000")
    out = branded(Content("S", "Body", "<p>Body</p>"), "en", plain, None)
    assert "signature" not in out.body_html and "cid:" not in out.body_html
    assert out.body_text == "Body\n\n-- \nFirm"
