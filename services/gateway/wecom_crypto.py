"""WeCom's callback message crypto, as WeCom documents it (加解密方案): the signature is
SHA-1 over the sorted token, timestamp, nonce and ciphertext; the ciphertext is AES-256-CBC
with the key from the 43-character EncodingAESKey (base64 with one "=" added) and the key's
first 16 bytes as IV, PKCS#7 padding to 32-byte blocks, over 16 random bytes, the message's
length (4 bytes, network order), the message and the receiver id (the corp id)."""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import struct

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

BLOCK = 32


class WeComCryptoError(ValueError):
    pass


def signature(token: str, timestamp: str, nonce: str, encrypted: str) -> str:
    return hashlib.sha1("".join(sorted([token, timestamp, nonce, encrypted])).encode()).hexdigest()


def verify(token: str, timestamp: str, nonce: str, encrypted: str, given: str) -> None:
    if not hmac.compare_digest(signature(token, timestamp, nonce, encrypted), given.lower()):
        raise WeComCryptoError("the signature does not match")


def _key(aes_key: str) -> bytes:
    key = base64.b64decode(aes_key + "=")
    if len(key) != 32:
        raise WeComCryptoError("the EncodingAESKey must be 43 characters")
    return key


def decrypt(aes_key: str, encrypted: str, receiver_id: str) -> str:
    key = _key(aes_key)
    try:
        data = base64.b64decode(encrypted, validate=True)
    except ValueError:
        raise WeComCryptoError("the ciphertext is not base64") from None
    if not data or len(data) % 16:
        raise WeComCryptoError("the ciphertext is not whole blocks")
    decryptor = Cipher(algorithms.AES(key), modes.CBC(key[:16])).decryptor()
    plain = decryptor.update(data) + decryptor.finalize()
    pad = plain[-1]
    if not 1 <= pad <= BLOCK:
        raise WeComCryptoError("bad padding")
    plain = plain[:-pad]
    if len(plain) < 20:
        raise WeComCryptoError("too short")
    (length,) = struct.unpack(">I", plain[16:20])
    message, receiver = plain[20 : 20 + length], plain[20 + length :]
    if receiver.decode(errors="replace") != receiver_id:
        raise WeComCryptoError("the message is for another receiver")
    return message.decode()


def encrypt(aes_key: str, message: str, receiver_id: str, random: bytes | None = None) -> str:
    """What WeCom sends (used by the test stub, which signs exactly as WeCom does)."""
    key = _key(aes_key)
    body = message.encode()
    plain = (random or os.urandom(16)) + struct.pack(">I", len(body)) + body + receiver_id.encode()
    pad = BLOCK - len(plain) % BLOCK
    plain += bytes([pad]) * pad
    encryptor = Cipher(algorithms.AES(key), modes.CBC(key[:16])).encryptor()
    return base64.b64encode(encryptor.update(plain) + encryptor.finalize()).decode()
