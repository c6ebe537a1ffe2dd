"""Starting bench peers (bench/CONTRACT.md) and measuring them from outside:
wall clock, CPU time from /proc/<pid>/stat or wait4, resident set from
/proc/<pid>/status."""

from __future__ import annotations

import json
import os
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a running process."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS  # utime, stime (proc(5) fields 14, 15)


def resident_bytes(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    raise RuntimeError(f"no VmRSS for {pid}")


class PeerError(RuntimeError):
    pass


@dataclass(frozen=True)
class Stack:
    """What the connections run on: "noise" or "tls" over TCP (with yamux),
    or "quic-v1" (its own TLS 1.3 and streams)."""

    name: str

    def args(self) -> list[str]:
        if self.name == "quic-v1":  # --security and --muxer are required, and ignored
            return ["--transport", "quic-v1", "--security", "tls", "--muxer", "yamux"]
        return ["--transport", "tcp", "--security", self.name, "--muxer", "yamux"]


class Server:
    """A bench peer server: `listen <multiaddr>` on its first line, then
    serving until its stdin closes."""

    def __init__(self, program: Path, stack: Stack, log: Path) -> None:
        self.log = log.open("ab")
        self.process = subprocess.Popen(
            [str(program), "server", "--listen-ip", "127.0.0.1", *stack.args()],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self.log)
        assert self.process.stdout is not None
        line = self.process.stdout.readline().decode().strip()
        if not line.startswith("listen "):
            self.stop()
            raise PeerError(f"{program} server printed {line!r} instead of `listen <multiaddr>` (log: {log})")
        self.address = line.split(" ", 1)[1]

    @property
    def pid(self) -> int:
        return self.process.pid

    def stop(self) -> None:
        if self.process.stdin:
            self.process.stdin.close()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.close()


@dataclass
class ClientRun:
    result: dict
    wall_seconds: float
    cpu_seconds: float  # the client's own, from wait4


def run_client(program: Path, server: Server, stack: Stack, scenario: list[str], log: Path,
               timeout: float = 600) -> ClientRun:
    """Runs one scenario to its end; its JSON line and what it cost."""
    argv = [str(program), "client", "--server", server.address, *stack.args(), *scenario]
    with log.open("ab") as err:
        start = time.monotonic()
        process = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=err)
        assert process.stdout is not None
        killer = threading.Timer(timeout, process.kill)
        killer.start()
        stdout = process.stdout.read()
        _, status, usage = os.wait4(process.pid, 0)  # wait4, not wait: the child's CPU time
        process.returncode = os.waitstatus_to_exitcode(status)
        killer.cancel()
        wall = time.monotonic() - start
    if process.returncode != 0:
        raise PeerError(f"{' '.join(argv[1:])}: exit {process.returncode} (log: {log})")
    return ClientRun(_parse_line(stdout, argv), wall, usage.ru_utime + usage.ru_stime)


def hold_connections(program: Path, server: Server, stack: Stack, connections: int, log: Path,
                     settle: float = 1.0) -> tuple[int, int]:
    """The idle scenario: the server's resident set before the client opens
    `connections` connections and after they are up (and `settle` seconds
    later, so the handshakes' garbage is not counted as what a connection holds)."""
    before = resident_bytes(server.pid)
    argv = [str(program), "client", "--server", server.address, *stack.args(), "idle", "--connections", str(connections)]
    with log.open("ab") as err:
        process = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=err)
        assert process.stdout is not None and process.stdin is not None
        result = _parse_line(process.stdout.readline(), argv)
        if result.get("open") != connections:
            process.kill()
            raise PeerError(f"idle: {result} (log: {log})")
        time.sleep(settle)  # a benchmark, not a test: let the server finish identify on every connection
        after = resident_bytes(server.pid)
        process.stdin.close()
        if process.wait(timeout=60) != 0:
            raise PeerError(f"idle client: exit {process.returncode} (log: {log})")
    return before, after


def _parse_line(stdout: bytes, argv: list[str]) -> dict:
    lines = stdout.decode(errors="replace").strip().splitlines()
    try:
        return json.loads(lines[-1])
    except (IndexError, json.JSONDecodeError):
        raise PeerError(f"{' '.join(argv[1:])}: no JSON line on stdout: {lines!r}")

