"""The exceptions of libp2p: every one derives from :class:`Error`.

Errors raised by the C++ core arrive as the class registered here for their
error category (the layer that failed), carrying that layer's message.
"""

from __future__ import annotations

import builtins
import errno


class Error(Exception):
    """Base class of every libp2p error."""


class ParseError(Error, ValueError):
    """Malformed input: a multiaddr, multibase text, multihash, CID, varint..."""


class CryptoError(Error):
    """A key that cannot be used, a bad key encoding, or a failed signature check."""


class PeerError(Error):
    """A PeerId, signed envelope or peer record that is malformed or does not verify."""


class DialError(Error, ConnectionError):
    """A connection could not be made: unreachable, refused, or the remote failed the handshake."""


class SecurityError(DialError):
    """The security handshake failed, e.g. the remote proved another PeerId than the one dialed."""


class NegotiationError(Error):
    """The remote supports none of the protocols proposed for a stream."""


class StreamReset(Error, ConnectionResetError):
    """The stream was reset, by the remote or locally."""


class MuxerError(Error):
    """The connection's stream multiplexer failed (the remote broke the protocol)."""


class TimeoutError(Error, builtins.TimeoutError):
    """An operation ran out of time (dial, handshake, negotiation)."""


class ClosedError(Error):
    """The host or stream is closed."""


# error_code category name (C++) -> exception class.
_BY_CATEGORY: dict[str, type[Error]] = {
    "multiformats": ParseError,
    "crypto": CryptoError,
    "peer": PeerError,
    "transport": DialError,
    "security": SecurityError,
    "multistream": NegotiationError,
    "yamux": MuxerError,
    "mplex": MuxerError,
}

# errno values (Boost's "system" category) -> exception class.
_BY_ERRNO: dict[int, type[Error]] = {
    errno.ETIMEDOUT: TimeoutError,
    errno.ECONNRESET: StreamReset,
    errno.ECANCELED: ClosedError,
    errno.EBADF: ClosedError,
    errno.ECONNREFUSED: DialError,
    errno.EHOSTUNREACH: DialError,
    errno.ENETUNREACH: DialError,
    errno.EADDRINUSE: Error,
    errno.EINVAL: Error,
}


def _for_category(category: str) -> type[Error]:
    """The class the core's translator raises for an error of `category`."""
    return _BY_CATEGORY.get(category, Error)


def _from_core(category: str, code: int, message: str, *, dialing: bool = False) -> Error:
    """The exception for an error the core reported for an operation.

    With `dialing`, every failure but a timeout is a DialError (or a subclass).
    """
    cls = _BY_ERRNO.get(code, Error) if category == "system" else _for_category(category)
    if dialing and not issubclass(cls, (DialError, TimeoutError)):
        cls = DialError
    return cls(message)
