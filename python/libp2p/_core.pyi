"""Type stubs of libp2p._core, the C++ extension (each subsystem its own section)."""

from __future__ import annotations
