"""Our bench peer (bench/CONTRACT.md) driven the way `make bench` drives it
(bench/lib/processes.py), with small sizes: every scenario answers with the
JSON the contract names and the figures bench/run takes from it. Skipped
when the bench peer is not built (make build builds it)."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from bench.lib.processes import Server, Stack, hold_connections, run_client  # noqa: E402
from bench.lib.scenarios import all_scenarios  # noqa: E402

BUILD = ROOT / os.environ.get("LIBP2P_BUILD_DIR", "build/release")
PEER = BUILD / "bench" / "peer" / "libp2p-bench-peer"


@pytest.fixture(params=["noise", "tls", "quic-v1"])
def server(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[Server, Stack, Path]]:
    if not PEER.exists():
        pytest.skip(f"{PEER} is not built (configure with -DLIBP2P_BUILD_TOOLS=ON, or set LIBP2P_BUILD_DIR)")
    log = tmp_path / "peer.log"
    stack = Stack(request.param)
    s = Server(PEER, stack, log)
    yield s, stack, log
    s.stop()


def client(server: tuple[Server, Stack, Path], *scenario: str) -> dict:
    s, stack, log = server
    return run_client(PEER, s, stack, list(scenario), log, timeout=60).result


def test_the_server_prints_its_full_address(server: tuple[Server, Stack, Path]) -> None:
    transport = "/udp/" if server[1].name == "quic-v1" else "/tcp/"
    assert server[0].address.startswith("/ip4/127.0.0.1" + transport) and "/p2p/12D3KooW" in server[0].address


def test_throughput_moves_what_it_was_asked(server: tuple[Server, Stack, Path]) -> None:
    r = client(server, "throughput", "--upload", "1MiB", "--download", "3MiB")
    assert (r["upload"], r["download"]) == (1 << 20, 3 << 20) and r["seconds"] > 0


def test_streams_reports_the_totals(server: tuple[Server, Stack, Path]) -> None:
    r = client(server, "streams", "--streams", "8", "--upload", "0", "--download", "64KiB")
    assert (r["streams"], r["upload"], r["download"]) == (8, 0, 8 * 64 * 1024)


def test_connect_latency_and_handshakes_count_what_they_did(server: tuple[Server, Stack, Path]) -> None:
    assert len(client(server, "connect", "--count", "3")["ms"]) == 3
    assert len(client(server, "latency", "--count", "20")["us"]) == 20
    r = client(server, "handshakes", "--seconds", "0.2", "--concurrency", "2")
    assert r["handshakes"] > 0 and r["seconds"] >= 0.2


def test_idle_holds_its_connections_until_stdin_closes(server: tuple[Server, Stack, Path]) -> None:
    s, stack, log = server
    before, after = hold_connections(PEER, s, stack, 20, log, settle=0)
    assert before > 0 and after > 0


def test_a_bad_scenario_fails_with_a_message(server: tuple[Server, Stack, Path]) -> None:
    with pytest.raises(Exception, match="exit 1"):
        client(server, "nonsense")
    assert "unknown scenario" in server[2].read_text()


def test_every_scenario_of_the_suite_yields_its_figures(server: tuple[Server, Stack, Path]) -> None:
    s, stack, log = server
    for scenario in all_scenarios(quick=True):
        if scenario.name in ("upload", "download", "streams", "latency"):
            figures = scenario.measure(PEER, s, stack, log)
            assert figures and all(f.value > 0 for f in figures), scenario.name
