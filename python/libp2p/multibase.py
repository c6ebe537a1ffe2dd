"""multibase: text that names its base in its first character.

Bases are named as in the multibase table (multibase.csv): ``"base32"``,
``"base36"``, ``"base58btc"``, ``"base64url"``, ``"base16"`` and their upper-case
and padded variants. Malformed text raises :class:`libp2p.ParseError`.
"""

from __future__ import annotations

from libp2p import _core


def encode(base: str, data: bytes) -> str:
    """``data`` in ``base``, prefixed with the base's character."""
    return _core.multibase_encode(base, data)


def decode(text: str) -> bytes:
    """The bytes of multibase ``text``, whose first character names its base."""
    return _core.multibase_decode(text)


__all__ = ["decode", "encode"]
