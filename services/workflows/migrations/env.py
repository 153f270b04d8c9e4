from services.common.migrations import run_env
from services.workflows.service.models import Base

run_env(Base.metadata)
