"""The result of a perf run (/perf/1.0.0, libp2p/specs perf/perf.md): see Host.perf."""

from __future__ import annotations

import dataclasses
import datetime
import math
from typing import Any

_UNITS = ("B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB")


def format_size(size: float) -> str:
    """Bytes in binary units: 512 B, 1.50 KiB, 10.00 MiB."""
    if math.isinf(size):
        return "inf B"
    if size < 1024:
        return f"{size:.0f} B"
    for unit in _UNITS[1:]:
        size /= 1024
        if size < 1024 or unit == _UNITS[-1]:
            break
    return f"{size:.2f} {unit}"


def format_duration(d: datetime.timedelta) -> str:
    """A duration in µs, ms or s."""
    seconds = d.total_seconds()
    if seconds < 1e-3:
        return f"{seconds * 1e6:.0f} µs"
    if seconds < 1:
        return f"{seconds * 1e3:.2f} ms"
    return f"{seconds:.3f} s"


def _rate(size: int, d: datetime.timedelta) -> float:
    if size == 0:
        return 0.0
    seconds = d.total_seconds()
    return size / seconds if seconds > 0 else math.inf


@dataclasses.dataclass(frozen=True)
class PerfResult:
    """One perf run as the client measured it.

    upload_time runs from the first byte written to the write side closed,
    download_time from there to the server's end of stream, total_time from
    asking for the stream (negotiation included) to its end. Throughputs are
    in bytes per second (0.0 for no bytes).
    """

    upload_bytes: int
    download_bytes: int
    upload_time: datetime.timedelta
    download_time: datetime.timedelta
    total_time: datetime.timedelta

    @property
    def upload_throughput(self) -> float:
        return _rate(self.upload_bytes, self.upload_time)

    @property
    def download_throughput(self) -> float:
        return _rate(self.download_bytes, self.download_time)

    @property
    def throughput(self) -> float:
        """Both directions over the total time."""
        return _rate(self.upload_bytes + self.download_bytes, self.total_time)

    def __repr__(self) -> str:
        up = f"{format_size(self.upload_bytes)} in {format_duration(self.upload_time)}"
        down = f"{format_size(self.download_bytes)} in {format_duration(self.download_time)}"
        return (
            f"<PerfResult upload {up} ({format_size(self.upload_throughput)}/s),"
            f" download {down} ({format_size(self.download_throughput)}/s),"
            f" total {format_duration(self.total_time)}>"
        )

    @classmethod
    def _from_core(cls, t: tuple[Any, ...]) -> PerfResult:
        upload, download, upload_ns, download_ns, total_ns = t
        return cls(upload, download, _timedelta(upload_ns), _timedelta(download_ns), _timedelta(total_ns))


def _timedelta(nanoseconds: int) -> datetime.timedelta:
    return datetime.timedelta(microseconds=nanoseconds / 1000)
