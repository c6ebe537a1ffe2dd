"""The scenarios of issue 6, each a client run (bench/CONTRACT.md) and the
figures taken from it. A figure is (name, value, unit, better) with better
"higher" or "lower"."""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from .processes import Server, Stack, cpu_seconds, hold_connections, run_client

GiB = 1 << 30
MiB = 1 << 20


@dataclass
class Figure:
    name: str
    value: float
    unit: str
    better: str  # "higher" or "lower"


@dataclass
class Scenario:
    name: str
    description: str
    measure: Callable[[Path, Server, Stack, Path], list[Figure]]
    tags: set[str] = field(default_factory=set)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def _transfer(upload: int, download: int, streams: int = 1):
    """A perf transfer: throughput by wall clock, and CPU seconds per GiB
    moved (client and server added: both ends' work)."""
    def measure(program: Path, server: Server, stack: Stack, log: Path) -> list[Figure]:
        args = ["--upload", str(upload), "--download", str(download)]
        scenario = ["throughput", *args] if streams == 1 else ["streams", "--streams", str(streams), *args]
        server_cpu = cpu_seconds(server.pid)
        run = run_client(program, server, stack, scenario, log)
        server_cpu = cpu_seconds(server.pid) - server_cpu
        moved = run.result["upload"] + run.result["download"]
        return [Figure("throughput", moved / run.result["seconds"] / GiB, "GiB/s", "higher"),
                Figure("cpu", (run.cpu_seconds + server_cpu) / (moved / GiB), "CPU s/GiB", "lower")]
    return measure


def _connect(count: int):
    def measure(program: Path, server: Server, stack: Stack, log: Path) -> list[Figure]:
        ms = run_client(program, server, stack, ["connect", "--count", str(count)], log).result["ms"]
        return [Figure("p50", statistics.median(ms), "ms", "lower")]
    return measure


def _handshakes(seconds: float, concurrency: int):
    def measure(program: Path, server: Server, stack: Stack, log: Path) -> list[Figure]:
        r = run_client(program, server, stack,
                       ["handshakes", "--seconds", str(seconds), "--concurrency", str(concurrency)], log).result
        return [Figure("rate", r["handshakes"] / r["seconds"], "handshakes/s", "higher")]
    return measure


def _latency(count: int):
    def measure(program: Path, server: Server, stack: Stack, log: Path) -> list[Figure]:
        us = run_client(program, server, stack, ["latency", "--count", str(count)], log).result["us"]
        return [Figure("p50", statistics.median(us), "µs", "lower"),
                Figure("p99", percentile(us, 0.99), "µs", "lower")]
    return measure


def _idle(connections: int):
    def measure(program: Path, server: Server, stack: Stack, log: Path) -> list[Figure]:
        before, after = hold_connections(program, server, stack, connections, log)
        return [Figure("rss", (after - before) / connections / 1024, "KiB/connection", "lower")]
    return measure


def all_scenarios(quick: bool = False) -> list[Scenario]:
    """Issue 6's scenarios; `quick` shrinks every size for a trial run."""
    size = 64 * MiB if quick else GiB
    per_stream = MiB if quick else 16 * MiB
    idle = 100 if quick else 1000
    return [
        Scenario("upload", f"one stream, {size // MiB} MiB up", _transfer(size, 0), {"throughput"}),
        Scenario("download", f"one stream, {size // MiB} MiB down", _transfer(0, size), {"throughput"}),
        Scenario("streams", f"64 concurrent streams on one connection, {per_stream // MiB} MiB down each",
                 _transfer(0, per_stream, streams=64), {"throughput"}),
        Scenario("connect", "time to first byte on a new connection (dial, handshake, 1-byte perf)",
                 _connect(10 if quick else 50)),
        Scenario("handshakes", "new connections per second, 2 concurrent dialers",
                 _handshakes(1 if quick else 5, 2)),
        Scenario("latency", "request/response round trip on an open stream (ping, 32 bytes)",
                 _latency(100 if quick else 2000)),
        Scenario("idle", f"server memory per idle connection, {idle} open", _idle(idle)),
    ]
