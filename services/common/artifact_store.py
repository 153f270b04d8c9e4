"""Where artifact bytes live. The row in `reporting.artifacts` names the place in
`storage_key`: `s3:<sha256>` for an S3-compatible object store (`CLIENTFLOW_ARTIFACTS_URL`,
for several replicas and nodes that come and go), `fs:<sha256>` for the filesystem store (the
default, under `CLIENTFLOW_ARTIFACTS_DIR`), `db:artifact_contents` for contents kept in
PostgreSQL (what earlier versions stored). Content-addressed: the same bytes are one object,
and a write is whole or absent (a temporary file renamed into place; an S3 PUT), so a crash
never leaves half a file."""

from __future__ import annotations

import asyncio
import hashlib
import logging
import os
import tempfile
from pathlib import Path

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

log = logging.getLogger(__name__)


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


class S3Store:
    """An S3-compatible bucket (AWS S3, MinIO, Ceph, OSS/COS in S3 mode) through obstore.
    Reads of `fs:` keys written before a move to S3 go to `legacy` (the old directory)."""

    def __init__(
        self,
        url: str,
        *,
        endpoint: str | None = None,
        region: str = "us-east-1",
        access_key_id: str | None = None,
        secret_access_key: str | None = None,
        legacy: FilesystemStore | None = None,
    ) -> None:
        from obstore.store import S3Store as ObjectStore

        if not url.startswith("s3://") or len(url) <= len("s3://"):
            raise ValueError(f"CLIENTFLOW_ARTIFACTS_URL={url!r}: must be s3://bucket[/prefix]")
        bucket, _, prefix = url.removeprefix("s3://").partition("/")
        options: dict[str, object] = {"region": region}
        if endpoint:
            options["endpoint"] = endpoint
        if access_key_id and secret_access_key:
            options["access_key_id"] = access_key_id
            options["secret_access_key"] = secret_access_key
        client_options = {"allow_http": True} if endpoint and endpoint.startswith("http://") else {}
        self.bucket = bucket
        self.store = ObjectStore(
            bucket,
            prefix=prefix.strip("/") or None,
            client_options=client_options,  # type: ignore[arg-type]
            **options,  # type: ignore[arg-type]
        )
        self.legacy = legacy

    @staticmethod
    def path(digest: str) -> str:
        return f"{digest[:2]}/{digest[2:4]}/{digest}"

    async def put(self, content: bytes) -> str:
        import obstore

        digest = hashlib.sha256(content).hexdigest()
        await obstore.put_async(self.store, self.path(digest), content)
        return f"s3:{digest}"

    async def get(self, key: str) -> bytes | None:
        import obstore

        if key.startswith("fs:"):
            return None if self.legacy is None else await self.legacy.get(key)
        if not key.startswith("s3:"):
            return None
        try:
            found = await obstore.get_async(self.store, self.path(key.removeprefix("s3:")))
        except FileNotFoundError:
            return None
        return bytes(await found.bytes_async())


ArtifactStore = FilesystemStore | S3Store


class ArtifactStoreSettings(BaseSettings):
    """Where artifact bytes are: the reporting service writes there, the notifications
    service reads attachments from there (the same settings for both)."""

    model_config = SettingsConfigDict(env_prefix="CLIENTFLOW_", extra="ignore")

    artifacts_dir: Path = Path(".clientflow/artifacts")
    # s3://bucket/prefix: report PDFs in an S3-compatible store instead of the directory
    # (which then serves only the files written before the move).
    artifacts_url: str | None = Field(None, pattern=r"^s3://[a-z0-9][a-z0-9.-]{2,62}(/.*)?$")
    artifacts_s3_endpoint: str | None = Field(None, pattern=r"^https?://")
    artifacts_s3_region: str = "us-east-1"
    artifacts_s3_access_key_id: str | None = None
    artifacts_s3_secret_access_key: SecretStr | None = None


def artifact_store(settings: ArtifactStoreSettings) -> ArtifactStore:
    """The S3-compatible store when CLIENTFLOW_ARTIFACTS_URL is set (files written to the
    directory before the move stay readable), else the directory."""
    directory = FilesystemStore(settings.artifacts_dir.resolve())
    if not settings.artifacts_url:
        return directory
    secret = settings.artifacts_s3_secret_access_key
    return S3Store(
        settings.artifacts_url,
        endpoint=settings.artifacts_s3_endpoint,
        region=settings.artifacts_s3_region,
        access_key_id=settings.artifacts_s3_access_key_id,
        secret_access_key=secret.get_secret_value() if secret else None,
        legacy=directory,
    )


async def read_artifact(store: ArtifactStore, sha256: str) -> bytes | None:
    """An artifact's bytes by their digest, checked against it; None when this store does
    not have them or cannot be read (an older `db:` artifact, another node's directory, a
    bucket this process has no credentials for): the caller asks the reporting service."""
    keys = [f"s3:{sha256}", f"fs:{sha256}"] if isinstance(store, S3Store) else [f"fs:{sha256}"]
    for key in keys:
        try:
            content = await store.get(key)
        except Exception as error:  # the store's own errors vary by backend
            log.warning("artifact %s not read from the store: %s", sha256[:12], error)
            return None
        if content is not None and hashlib.sha256(content).hexdigest() == sha256:
            return content
    return None
