"""Sealing a phone number for the hours until its messages are sent.

A reminder must send to the number, so a keyed hash is not enough; the number is kept
encrypted (AES-256-GCM) and deleted when the day closes. The key is derived from the
hall key ring (``rules.personal``) per key id with HKDF and its own label, so the
hashing key is never used raw for encryption; the sealed text names its key id
(``"k<key id>:<base64url nonce+ciphertext>"``), so rotation keeps old seals readable
while their key is still in the file.
"""
from __future__ import annotations

import base64
import binascii
import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from kiosk.errors import InvalidInput, NotConfigured
from kiosk.queue.rules.personal import KeyRing

LABEL = b"kiosk-hall seal v1"
NONCE_BYTES = 12


def _key(ring: KeyRing, key_id: str) -> bytes:
    try:
        secret = ring.keys[key_id]
    except KeyError:
        raise NotConfigured(
            "本机的个人信息密钥已更换，无法读取此前留下的手机号",
            f"the sealing key {key_id!r} is no longer in the key file",
            key_id=key_id) from None
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None,
                info=LABEL + b"\x00" + key_id.encode()).derive(secret)


def _aad(key_id: str) -> bytes:
    return b"k" + key_id.encode()


def seal(ring: KeyRing, text: str) -> str:
    """``text`` encrypted under the ring's current key, with a fresh nonce each time."""
    key_id = ring.current
    nonce = os.urandom(NONCE_BYTES)
    body = AESGCM(_key(ring, key_id)).encrypt(nonce, text.encode(), _aad(key_id))
    return f"k{key_id}:{base64.urlsafe_b64encode(nonce + body).decode().rstrip('=')}"


def _refused(why: str) -> InvalidInput:
    return InvalidInput("加密的手机号无法读取", f"cannot unseal: {why}")


def unseal(ring: KeyRing, sealed: str) -> str:
    """The text back; NotConfigured when its key left the file, InvalidInput when the
    text was altered or sealed under another key of the same id."""
    head, sep, body = sealed.partition(":")
    if not sep or not head.startswith("k") or len(head) < 2:
        raise _refused("not a sealed text")
    key_id = head[1:]
    key = _key(ring, key_id)
    try:
        raw = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
    except (binascii.Error, ValueError):
        raise _refused("not base64url") from None
    if len(raw) <= NONCE_BYTES + 16:
        raise _refused("too short")
    try:
        plain = AESGCM(key).decrypt(raw[:NONCE_BYTES], raw[NONCE_BYTES:], _aad(key_id))
    except InvalidTag:
        raise _refused("authentication failed (altered, or another key)") from None
    return plain.decode()
