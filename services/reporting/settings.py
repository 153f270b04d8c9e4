"""The reporting service's settings: the artifact store and the brand."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field

from services.common.artifact_store import ArtifactStoreSettings
from services.common.config import (
    GrpcServiceSettings,
)


class ReportingSettings(GrpcServiceSettings, ArtifactStoreSettings):
    """The reporting service: where artifacts are kept and the brand on every report."""

    # Dashboards read client data here (a replica in production); default: DATABASE_URL.
    reporting_read_database_url: str | None = None
    firm_name: str = Field("Clientflow Wealth", min_length=1, max_length=100)
    # A PNG or JPEG printed in each report's header.
    firm_logo: Path | None = None
    brand_color: str = Field("#1f4e79", pattern=r"^#[0-9a-fA-F]{6}$")
    # A TrueType CJK font (TTF/TTC) embedded in reports; default: one the system has
    # (fonts-wqy-microhei), else reportlab's CID font (not embedded).
    report_font: Path | None = None
    # Printed on capital call notices: the bank, account name and number to pay to
    # (default: the subscription account named in the investor's agreement).
    payment_instructions: str = Field("", max_length=1000)
