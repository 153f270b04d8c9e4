"""Where artifact bytes live. The row in `reporting.artifacts` names the place in
`storage_key`: `fs:<sha256>` for the filesystem store (the default, under
`CLIENTFLOW_ARTIFACTS_DIR`), `db:artifact_contents` for contents kept in PostgreSQL (what
earlier versions stored). Content-addressed: the same bytes are one file, written once, and
a write is a temporary file renamed into place, so a crash never leaves half a file."""

from __future__ import annotations

import asyncio
import hashlib
import os
import tempfile
from pathlib import Path


class FilesystemStore:
    def __init__(self, root: Path) -> None:
        self.root = root

    def path(self, digest: str) -> Path:
        return self.root / digest[:2] / digest[2:4] / digest

    async def put(self, content: bytes) -> str:
        """Store the bytes; returns the storage key."""
        digest = hashlib.sha256(content).hexdigest()
        await asyncio.to_thread(self._write, digest, content)
        return f"fs:{digest}"

    def _write(self, digest: str, content: bytes) -> None:
        target = self.path(digest)
        if target.exists():
            return
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".part-")
        try:
            with os.fdopen(handle, "wb") as file:
                file.write(content)
                file.flush()
                os.fsync(file.fileno())
            os.replace(temporary, target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise

    async def get(self, key: str) -> bytes | None:
        if not key.startswith("fs:"):
            return None
        path = self.path(key.removeprefix("fs:"))
        try:
            return await asyncio.to_thread(path.read_bytes)
        except FileNotFoundError:
            return None
