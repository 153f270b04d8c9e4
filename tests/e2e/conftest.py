"""The `dev` fixture: a clientflow dev stack, killed if a test leaves it running."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

import psutil
import pytest

from tests.e2e.devstack import DevStack


@pytest.fixture
def dev(tmp_path: Path) -> Iterator[DevStack]:
    stack = DevStack(tmp_path)
    yield stack
    if stack.process and stack.process.poll() is None:
        children = stack.descendants()
        stack.process.kill()
        for child in children:
            with contextlib.suppress(psutil.NoSuchProcess):
                child.kill()  # one may have ended meanwhile
