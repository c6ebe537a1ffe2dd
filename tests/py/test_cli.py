"""The `libp2p` command (python/libp2p/cli.py), run as a user would: in a subprocess."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator

import pytest

import libp2p


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

