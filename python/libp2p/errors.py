"""The exceptions of libp2p: every one derives from :class:`Error`.

Errors raised by the C++ core arrive as the class registered here for their
error category (the layer that failed), carrying that layer's message.
"""

from __future__ import annotations


class Error(Exception):
    """Base class of every libp2p error."""


class ParseError(Error, ValueError):
    """Malformed input: a multiaddr, multibase text, multihash, CID, varint..."""


class CryptoError(Error):
    """A key that cannot be used, a bad key encoding, or a failed signature check."""


class PeerError(Error):
    """A PeerId, signed envelope or peer record that is malformed or does not verify."""


# error_code category name (C++) -> exception class.
_BY_CATEGORY: dict[str, type[Error]] = {
    "multiformats": ParseError,
    "crypto": CryptoError,
    "peer": PeerError,
}


def _for_category(category: str) -> type[Error]:
    """The class the core's translator raises for an error of `category`."""
    return _BY_CATEGORY.get(category, Error)
