"""An artifact read from the store by its digest: the bytes only when they are the digest's."""

from __future__ import annotations

import hashlib
from pathlib import Path

from services.common.artifact_store import FilesystemStore, read_artifact


async def test_the_bytes_of_a_digest_and_nothing_else(tmp_path: Path) -> None:
    store = FilesystemStore(tmp_path)
    content = b"%PDF-1.4 report"
    key = await store.put(content)
    digest = hashlib.sha256(content).hexdigest()
    assert key == f"fs:{digest}"
    assert await read_artifact(store, digest) == content
    assert await read_artifact(store, "0" * 64) is None  # not here: ask reporting
    store.path(digest).write_bytes(b"tampered")
    assert await read_artifact(store, digest) is None  # not what was stored: ask reporting
