"""The firm's brand on every PDF, and the font that prints it: a TrueType CJK font embedded
(a subset of the glyphs used) where the system has one, else reportlab's CID font."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFont

from services.reporting.pdf_charts import CID_FONT

# Openly licensed TrueType CJK fonts, where Debian installs them.
SYSTEM_CJK_FONTS = (
    Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"),
    Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"),
    Path("/usr/share/fonts/truetype/arphic/uming.ttc"),
)


@dataclass(frozen=True)
class Brand:
    firm_name: str = "Clientflow Wealth"
    logo_path: Path | None = None
    color: str = "#1f4e79"
    # A TrueType CJK font (TTF/TTC) to embed; None: one the system has, if any.
    font_path: Path | None = None
    # On capital call notices: where and how to pay.
    payment_instructions: str = ""
    disclaimer: dict[str, str] = field(
        default_factory=lambda: {
            "zh-CN": "本报告仅供客户本人参考，不构成任何投资建议或收益承诺。过往业绩不代表未来"
            "表现，投资有风险。数据截至报告期末，以托管机构对账单为准。",
            "en": "This report is for the named client only and is not investment advice or a "
            "promise of returns. Past performance does not predict future results; investing "
            "involves risk. Figures are as of the period end; the custodian's statement "
            "prevails.",
        }
    )


def find_cjk_font() -> Path | None:
    """The first openly licensed TrueType CJK font this system has."""
    return next((path for path in SYSTEM_CJK_FONTS if path.is_file()), None)


@functools.cache
def _register_font(path: Path | None) -> str:
    """Register the report font once per process; its name."""
    if path is None:
        pdfmetrics.registerFont(UnicodeCIDFont(CID_FONT))
        return CID_FONT
    name = "ClientflowCJK-" + path.stem
    pdfmetrics.registerFont(TTFont(name, str(path), subfontIndex=0))
    return name
