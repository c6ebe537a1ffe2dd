"""The `libp2p` command (python/libp2p/cli.py), run as a user would: in a subprocess."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
from collections.abc import Iterator

import pytest

import libp2p
from libp2p.cli import parse_size


def cli(*args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "libp2p.cli", *args], capture_output=True, text=True, timeout=timeout, check=False
    )


@pytest.fixture
def node() -> Iterator[str]:
    """A `libp2p node` on loopback; yields its first full address."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "libp2p.cli", "node", "--listen", "/ip4/127.0.0.1/tcp/0"],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    try:
        for line in proc.stdout:  # blocks until the node prints its address
            if line.startswith("listening on "):
                yield line.split()[-1]
                break
        else:
            pytest.fail("the node exited without listening")
    finally:
        proc.terminate()
        assert proc.wait(timeout=30) == 0


def test_id_creates_then_reuses_a_key(tmp_path: object) -> None:
    key = f"{tmp_path}/node.key"
    first = json.loads(cli("id", "--key", key, "--json").stdout)
    again = json.loads(cli("id", "--key", key, "--json").stdout)
    assert first == again
    assert first["peer_id"] == str(libp2p.KeyPair.load(key).peer_id)
    assert libp2p.PeerId(first["cid"]) == libp2p.PeerId(first["peer_id"])


def test_ping_and_echo_a_running_node(node: str) -> None:
    ping = cli("ping", node, "-c", "2", "--json")
    assert ping.returncode == 0, ping.stderr
    result = json.loads(ping.stdout)
    assert result["count"] == 2 and result["peer"] == node.split("/")[-1]
    echo = cli("echo", node, "hello there", "--json")
    assert echo.returncode == 0, echo.stderr
    assert json.loads(echo.stdout)["answer"] == "hello there"


def test_a_malformed_address_is_a_usage_error() -> None:
    r = cli("ping", "/ip4/1.2.3.4/tcp/notaport/p2p/x")
    assert r.returncode == 2
    assert "tcp" in r.stderr



def test_perf_against_a_running_node(node: str) -> None:
    r = cli("perf", node, "--upload", "1MiB", "--download", "2.5MiB", "--json")
    assert r.returncode == 0, r.stderr
    result = json.loads(r.stdout)
    assert result["peer"] == node.split("/")[-1]
    assert (result["upload_bytes"], result["download_bytes"]) == (1024 * 1024, 5 * 512 * 1024)
    assert result["total_seconds"] >= 0 and result["download_bytes_per_second"] > 0
    text = cli("perf", node, "--download", "1kB")
    assert text.returncode == 0, text.stderr
    assert "download  1000 B in " in text.stdout and "upload    0 B in " in text.stdout


@pytest.mark.parametrize(
    ("size", "why"),
    [("10XB", "unknown unit 'XB'"), ("1.5B", "not a whole number"), ("16EiB", "2**64 - 1"), ("lots", "not a size")],
)
def test_perf_refuses_a_bad_size(size: str, why: str) -> None:
    r = cli("perf", "/ip4/127.0.0.1/tcp/1/p2p/12D3KooWD3eckifWpRn9wQpMG9R9hX3sD158z7EqHWmweQAJU5SA", "--upload", size)
    assert r.returncode == 2
    assert "--upload" in r.stderr and why in r.stderr


@pytest.mark.parametrize(
    ("text", "size"),
    [
        ("0", 0),
        ("1048576", 2**20),
        ("10MiB", 10 * 2**20),
        ("1GiB", 2**30),
        ("1.5GB", 1_500_000_000),
        ("2 kib", 2048),
        (".5KiB", 512),
        ("18446744073709551615", 2**64 - 1),
        ("15EiB", 15 * 2**60),
    ],
)
def test_sizes(text: str, size: int) -> None:
    assert parse_size(text) == size


async def test_perf_against_a_peer_without_perf() -> None:
    async with libp2p.Host(listen=["/ip4/127.0.0.1/tcp/0"]) as host:  # perf off, the default
        args = ["-m", "libp2p.cli", "perf", str(host.addrs[0]), "--upload", "1kB"]
        proc = await asyncio.create_subprocess_exec(
            sys.executable, *args, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE
        )
        _, stderr = await asyncio.wait_for(proc.communicate(), 60)
    assert proc.returncode == 1
    assert "does not serve /perf/1.0.0" in stderr.decode()
