"""Rendering templates: Jinja2 in a sandbox with strict undefined variables.

The subject and the plain-text body render without escaping; the HTML body renders with
autoescaping, so a client's name containing ``<`` cannot change the markup. A variable the
template uses but the caller did not give is an INVALID_ARGUMENT naming it, at preview time
and at send time; a syntax error is refused when the template is saved, with its line.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any

from jinja2 import StrictUndefined, Template, TemplateSyntaxError, UndefinedError
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment

from services.common.errors import InvalidArgument

_PLAIN = SandboxedEnvironment(
    undefined=StrictUndefined, autoescape=False, keep_trailing_newline=True
)
_HTML = SandboxedEnvironment(undefined=StrictUndefined, autoescape=True, keep_trailing_newline=True)

_UNDEFINED_NAME = re.compile(r"'([^']+)' is undefined")
_UNDEFINED_ATTRIBUTE = re.compile(r"has no attribute '([^']+)'")

PARTS = ("subject", "body_text", "body_html")


@dataclass(frozen=True)
class Content:
    subject: str
    body_text: str
    body_html: str = ""


def _environment(part: str) -> SandboxedEnvironment:
    return _HTML if part == "body_html" else _PLAIN


@functools.lru_cache(maxsize=512)
def _compiled(part: str, source: str) -> Template:
    """Compiling is most of a render's cost; template versions are immutable, so the source
    text is a safe cache key."""
    return _environment(part).from_string(source)


def check_syntax(content: Content, *, field_prefix: str = "content") -> None:
    """Refuse a template that does not compile, naming the part and the line."""
    for part in PARTS:
        source = getattr(content, part)
        try:
            _environment(part).parse(source)
        except TemplateSyntaxError as error:
            raise InvalidArgument(
                f"{field_prefix}.{part}",
                _excerpt(source, error.lineno),
                f"template syntax error at line {error.lineno}: {error.message}",
            ) from None


def render(content: Content, variables: dict[str, Any]) -> Content:
    """Render every part; a missing variable names itself as ``variables.<name>``."""
    rendered = {}
    for part in PARTS:
        source = getattr(content, part)
        if not source:
            rendered[part] = ""
            continue
        try:
            rendered[part] = _compiled(part, source).render(variables)
        except UndefinedError as error:
            raise InvalidArgument(
                f"variables.{_missing_name(str(error))}",
                None,
                f"the template's {part} uses it but it was not given ({error})",
            ) from None
        except SecurityError as error:
            raise InvalidArgument(
                f"content.{part}", None, f"not allowed in a template: {error}"
            ) from None
        except TemplateSyntaxError as error:
            raise InvalidArgument(
                f"content.{part}",
                _excerpt(source, error.lineno),
                f"template syntax error at line {error.lineno}: {error.message}",
            ) from None
        except (TypeError, ValueError, ArithmeticError) as error:
            raise InvalidArgument(
                f"content.{part}", None, f"cannot be rendered with these variables: {error}"
            ) from None
    # Header injection: a subject is one line.
    subject = " ".join(rendered["subject"].split())
    return Content(
        subject=subject, body_text=rendered["body_text"], body_html=rendered["body_html"]
    )


def _missing_name(message: str) -> str:
    for pattern in (_UNDEFINED_NAME, _UNDEFINED_ATTRIBUTE):
        match = pattern.search(message)
        if match:
            return match.group(1)
    return "(unknown)"


def _excerpt(source: str, line: int | None) -> str:
    lines = source.splitlines()
    if line is None or not 1 <= line <= len(lines):
        return source[:80]
    return lines[line - 1][:80]
