"""reporting: the dashboards' read-only role may read the survey answers

Dashboards run on CLIENTFLOW_REPORTING_READ_DATABASE_URL, whose role is granted
`clientflow_reporting` (see clients_0006): it reads the owners' views and this service's own
survey answers, nothing else.

Revision ID: reporting_0005
Revises: reporting_0004
Create Date: 2026-11-30
"""

from collections.abc import Sequence

from alembic import op

revision: str = "reporting_0005"
down_revision: str | None = "reporting_0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

READER = "clientflow_reporting"


def upgrade() -> None:
    op.execute(
        f"""
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{READER}') THEN
        BEGIN
            CREATE ROLE {READER} NOLOGIN;
        EXCEPTION WHEN insufficient_privilege THEN
            RAISE NOTICE 'role {READER} not created: the migrating role may not create roles';
        END;
    END IF;
    IF EXISTS (SELECT FROM pg_roles WHERE rolname = '{READER}') THEN
        GRANT USAGE ON SCHEMA reporting TO {READER};
        GRANT SELECT ON reporting.survey_answers TO {READER};
    END IF;
END $$
"""
    )


def downgrade() -> None:
    op.execute(f"REVOKE SELECT ON reporting.survey_answers FROM {READER}")
