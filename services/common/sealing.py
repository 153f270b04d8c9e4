"""Secrets kept at rest (a subscriber's signing secret, a mailbox's password): Fernet with a
key derived (HKDF-SHA256) from configured key material, one key per purpose (`info`)."""

from __future__ import annotations

import base64

from cryptography.fernet import Fernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF


class SecretBox:
    def __init__(self, material: str, info: bytes) -> None:
        key = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=info).derive(
            material.encode()
        )
        self.fernet = Fernet(base64.urlsafe_b64encode(key))

    def seal(self, secret: str) -> str:
        return self.fernet.encrypt(secret.encode()).decode()

    def open(self, sealed: str) -> str:
        return self.fernet.decrypt(sealed.encode()).decode()
