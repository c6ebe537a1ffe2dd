"""Python-to-Python echo throughput over one stream: libp2p (ours) next to py-libp2p.

    PYTHONPATH=$(scripts/dev-python BUILD_DIR) .venv/bin/python bench/python_echo.py \
        [--mib 256] [--py-libp2p-mib 64] [--runs 3]

Both sides: two hosts in one process, TCP loopback, Noise + yamux, one stream
on /echo/1.0.0; the client writes the payload in 64 KiB writes while a
concurrent task reads the echo back. The rate is MiB of echoed payload per
second of wall clock, from the first write to the last echoed byte (stream
setup excluded), and per second of process CPU time (all threads), which
moves less when the machine is busy. Each side runs --runs times; the table
shows the medians.

Ours runs in this process (asyncio). py-libp2p (trio) runs as
bench/py_libp2p_echo.py under py-libp2p's own venv, because both packages
import as `libp2p`; tests/interop/peers/py-libp2p/build creates that venv.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

import libp2p

ECHO = "/echo/1.0.0"
WRITE_SIZE = 64 * 1024
MIB = 1024 * 1024
HERE = Path(__file__).resolve().parent
PY_LIBP2P_PYTHON = Path(os.environ.get("LIBP2P_INTEROP_CACHE", Path.home() / ".cache/libp2p-interop")) / "py-libp2p/venv/bin/python"


async def serve_echo(stream: libp2p.Stream) -> None:
    while chunk := await stream.read(WRITE_SIZE):
        await stream.write(chunk)


async def ours_once(total: int) -> dict[str, float]:
    config = dict(listen=["/ip4/127.0.0.1/tcp/0"], security=["/noise"], muxers=["/yamux/1.0.0"])
    async with libp2p.Host(**config) as server, libp2p.Host(**config) as client:
        server.set_stream_handler(ECHO, serve_echo)
        await client.connect(server.addrs[0])
        stream = await client.new_stream(server.peer_id, ECHO)
        payload = os.urandom(WRITE_SIZE)
        received = 0

        async def writer() -> None:
            for _ in range(total // WRITE_SIZE):
                await stream.write(payload)
            await stream.close_write()

        async def reader() -> None:
            nonlocal received
            while received < total:
                chunk = await stream.read(WRITE_SIZE)
                if not chunk:
                    raise RuntimeError(f"echo ended after {received} of {total} bytes")
                received += len(chunk)

        wall, cpu, loop_cpu = time.perf_counter(), time.process_time(), time.thread_time()
        await asyncio.gather(writer(), reader())
        wall, cpu, loop_cpu = time.perf_counter() - wall, time.process_time() - cpu, time.thread_time() - loop_cpu
        await stream.close()
    return {"bytes": received, "seconds": wall, "cpu_seconds": cpu, "loop_cpu_seconds": loop_cpu}


def py_libp2p_once(mib: int) -> dict[str, float]:
    if not PY_LIBP2P_PYTHON.exists():
        sys.exit(f"{PY_LIBP2P_PYTHON} is missing: run tests/interop/peers/py-libp2p/build")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}  # ours would shadow py-libp2p
    done = subprocess.run(
        [str(PY_LIBP2P_PYTHON), str(HERE / "py_libp2p_echo.py"), "--mib", str(mib)],
        capture_output=True, text=True, timeout=600, env=env,
    )
    if done.returncode != 0:
        sys.exit(f"py_libp2p_echo.py failed ({done.returncode}):\n{done.stderr}")
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def summary(runs: list[dict[str, float]]) -> dict[str, float]:
    return {
        "mib": runs[0]["bytes"] / MIB,
        "wall": statistics.median(r["bytes"] / MIB / r["seconds"] for r in runs),
        "cpu": statistics.median(r["bytes"] / MIB / r["cpu_seconds"] for r in runs),
        "all": [r["bytes"] / MIB / r["seconds"] for r in runs],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mib", type=int, default=256, help="payload of ours, MiB")
    parser.add_argument("--py-libp2p-mib", type=int, default=64, help="payload of py-libp2p, MiB (it is slow)")
    parser.add_argument("--runs", type=int, default=3)
    o = parser.parse_args()

    ours, theirs = [], []
    for i in range(o.runs):
        ours.append(asyncio.run(ours_once(o.mib * MIB)))
        theirs.append(py_libp2p_once(o.py_libp2p_mib))
        print(f"run {i + 1}: ours {ours[-1]['bytes'] / MIB / ours[-1]['seconds']:.1f} MiB/s, "
              f"py-libp2p {theirs[-1]['bytes'] / MIB / theirs[-1]['seconds']:.1f} MiB/s", file=sys.stderr, flush=True)
    a, b = summary(ours), summary(theirs)
    loop_share = statistics.median(r["loop_cpu_seconds"] / r["cpu_seconds"] for r in ours)

    print(f"echo over one stream, TCP loopback, Noise + yamux, 64 KiB writes; median of {o.runs} runs")
    print(f"{'':<24}{'payload':>10}{'MiB/s (wall)':>14}{'MiB/CPU-s':>12}   runs (MiB/s wall)")
    for name, s in (("libp2p (ours, asyncio)", a), ("py-libp2p 0.8.1 (trio)", b)):
        runs = ", ".join(f"{x:.1f}" for x in s["all"])
        print(f"{name:<24}{s['mib']:>7.0f} MiB{s['wall']:>14.1f}{s['cpu']:>12.1f}   {runs}")
    if o.mib != o.py_libp2p_mib:
        print(f"(py-libp2p moves {o.py_libp2p_mib} MiB, ours {o.mib} MiB, to keep the run short; rates are per second)")
    print(f"ours: {loop_share:.0%} of the process CPU time is the asyncio thread (both hosts' Python side), "
          f"the rest the core's network threads")
    print(f"ratio ours / py-libp2p: {a['wall'] / b['wall']:.1f}x wall clock, {a['cpu'] / b['cpu']:.1f}x per CPU second")


if __name__ == "__main__":
    main()
