"""perf (/perf/1.0.0) from asyncio: Host.perf against a host that serves it, over TCP and memory."""

from __future__ import annotations

import asyncio
import contextlib
import datetime
import math
from collections.abc import AsyncIterator

import pytest

import libp2p

PERF = "/perf/1.0.0"
MiB = 1024 * 1024


@contextlib.asynccontextmanager
async def connected(listen: str = "/ip4/127.0.0.1/tcp/0") -> AsyncIterator[tuple[libp2p.Host, libp2p.PeerId]]:
    """A client host connected to a server host that serves perf."""
    async with libp2p.Host(listen=[listen]) as client, libp2p.Host(listen=[listen], perf=True) as server:
        yield client, await client.connect(server.addrs[0])


@pytest.mark.parametrize("listen", ["/ip4/127.0.0.1/tcp/0", "/memory/0"])
@pytest.mark.parametrize(("upload", "download"), [(3 * MiB, 0), (0, 3 * MiB), (MiB, 2 * MiB + 1), (0, 0)])
async def test_runs_of_every_shape(listen: str, upload: int, download: int) -> None:
    async with connected(listen) as (client, peer):
        r = await client.perf(peer, upload=upload, download=download)
        assert (r.upload_bytes, r.download_bytes) == (upload, download)
        for t in (r.upload_time, r.download_time, r.total_time):
            assert isinstance(t, datetime.timedelta) and t >= datetime.timedelta(0)
        assert r.total_time >= r.upload_time + r.download_time - datetime.timedelta(microseconds=3)  # rounding
        if upload == 0:
            assert r.upload_throughput == 0.0
        if download == 0:
            assert r.download_throughput == 0.0
        assert repr(r).startswith("<PerfResult upload ")


async def test_a_peer_id_as_text_and_many_runs_on_one_connection() -> None:
    async with connected() as (client, peer):
        for _ in range(3):
            r = await client.perf(str(peer), upload=1000, download=1000)
            assert r.download_bytes == 1000
        assert len(client.connections) == 1


async def test_perf_is_served_only_when_configured() -> None:
    async with libp2p.Host(listen=["/memory/0"]) as off, libp2p.Host(perf=True) as on:
        assert libp2p.Config().perf is False
        assert PERF not in off.protocols
        assert PERF in on.protocols
        peer = await on.connect(off.addrs[0])
        with pytest.raises(libp2p.NegotiationError):
            await on.perf(peer, upload=1, download=1)


async def test_sizes_out_of_range_are_refused_before_anything_is_sent() -> None:
    async with connected() as (client, peer):
        with pytest.raises(ValueError, match="upload"):
            await client.perf(peer, upload=-1)
        with pytest.raises(ValueError, match="download"):
            await client.perf(peer, download=2**64)


async def test_cancelling_a_run_resets_its_stream_and_spares_the_connection() -> None:
    async with connected() as (client, peer):
        # 2**64 - 1 bytes never arrive: the timeout always cancels the run.
        with pytest.raises(TimeoutError):
            await asyncio.wait_for(client.perf(peer, download=2**64 - 1), 0.5)
        r = await client.perf(peer, upload=10, download=10)
        assert r.download_bytes == 10
        assert len(client.connections) == 1


def test_result_throughput_and_repr() -> None:
    second = datetime.timedelta(seconds=1)
    r = libp2p.PerfResult(10 * MiB, 2**30, second / 2, 4 * second, 5 * second)
    assert r.upload_throughput == 20 * MiB
    assert r.download_throughput == 2**30 / 4
    assert r.throughput == (10 * MiB + 2**30) / 5
    assert repr(r) == (
        "<PerfResult upload 10.00 MiB in 500.00 ms (20.00 MiB/s),"
        " download 1.00 GiB in 4.000 s (256.00 MiB/s), total 5.000 s>"
    )
    zero = datetime.timedelta(0)
    instant = libp2p.PerfResult(0, 100, zero, zero, zero)
    assert instant.upload_throughput == 0.0
    assert math.isinf(instant.download_throughput)
    assert "download 100 B in 0 µs (inf B/s)" in repr(instant)
