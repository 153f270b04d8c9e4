"""Visible Latin-script words on a page that should be in Chinese: what a zh-CN reader would
meet in English. Names, codes, units and the brand are allowed; everything else is a word the
catalogue is missing."""

from __future__ import annotations

import re

from playwright.async_api import Page

# Words a Chinese page may show in Latin script: the brand, units and standard abbreviations,
# file formats, and technical codes a user types or reads as codes.
ALLOWED = {
    "clientflow",
    "aum",
    "kyc",
    "nps",
    "csat",
    "sla",
    "pdf",
    "csv",
    "excel",
    "cel",
    "id",
    "url",
    "api",
    "html",
    "e-mail",
    "email",
    "wecom",
    "json",
    "png",
    "jpeg",
    "mb",
    "xlsx",
    "esg",
    "sms",
    "p50",
    "p90",
    "cny",
    "us",  # US$, how zh-CN writes US dollars
    "tvpi",
    "dpi",
    "mt940",
    "usd",
    "hkd",
    "cn",
    "q1",
    "q2",
    "q3",
    "q4",
    "en",
    "zh-cn",
    "english",
    "utc",
    "gmt",
}

# A word: Latin letters (with - and _ inside), at least two letters long.
WORD = re.compile(r"[A-Za-z][A-Za-z_\-]*[A-Za-z]")
# Codes and identifiers: anything with a digit, an @, a dot or a slash around it, or ALLCAPS
# product codes with digits, is a value not a word.
CODE = re.compile(r"[\w.\-]*[0-9@/][\w.\-@/]*")

# What the page shows a person: text in the body, less scripts, styles, inputs' values, and
# elements marked as data (names, codes, free text typed by people).
VISIBLE_TEXT = """() => {
  const skip = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEXTAREA', 'CODE', 'PRE', 'TEMPLATE']);
  const out = [];
  const walk = (node) => {
    if (node.nodeType === Node.TEXT_NODE) { out.push(node.textContent); return; }
    if (node.nodeType !== Node.ELEMENT_NODE) return;
    if (skip.has(node.tagName)) return;
    if (node.closest('[data-value], [translate="no"]')) return;
    const style = window.getComputedStyle(node);
    if (style.display === 'none' || style.visibility === 'hidden') return;
    for (const child of node.childNodes) walk(child);
  };
  walk(document.body);
  document.querySelectorAll('input[placeholder], textarea[placeholder]').forEach(
    (el) => out.push(el.getAttribute('placeholder')));
  document.querySelectorAll('option').forEach((el) => {
    if (!el.closest('[data-value], [translate="no"]')) out.push(el.textContent);
  });
  document.querySelectorAll('[aria-label]').forEach((el) => out.push(el.getAttribute('aria-label')));
  return out.join('\\n');
}"""


def latin_words(text: str, allowed: set[str] | None = None) -> list[str]:
    """The Latin-script words in `text` that are neither allowed nor part of a code."""
    allow = ALLOWED | {a.lower() for a in (allowed or set())}
    found: list[str] = []
    for line in text.splitlines():
        stripped = CODE.sub(" ", line)
        for word in WORD.findall(stripped):
            if word.lower() not in allow:
                found.append(word)
    return found


async def page_latin_words(page: Page, allowed: set[str] | None = None) -> list[str]:
    text: str = await page.evaluate(VISIBLE_TEXT)
    return latin_words(text, allowed)
