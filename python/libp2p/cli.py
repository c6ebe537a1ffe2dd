"""The `libp2p` command: identities, a node, ping, echo and perf from the shell.

    libp2p id [--key FILE] [--json]
    libp2p node --listen MADDR... [--key FILE] [--connect MADDR...]
    libp2p ping MADDR [-c N] [--json]
    libp2p echo MADDR TEXT [--json]
    libp2p perf MADDR --upload BYTES --download BYTES [--json]   (sizes like 1GiB, 10MiB, 1.5GB)

Exit codes: 0 success, 1 failure (unreachable, refused, timeout), 2 bad usage
or a malformed address.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import os
import re
import signal
import statistics
import sys
from collections.abc import Sequence
from fractions import Fraction

import libp2p
from libp2p.perf import format_duration, format_size

ECHO = "/echo/1.0.0"
PERF = "/perf/1.0.0"

# Decimal and binary units; no bare K/M/G, whose meaning varies from tool to tool.
_SIZE_UNITS = {"": 1, "b": 1} | {
    prefix + suffix: base**power
    for power, prefix in enumerate("kmgtpe", start=1)
    for suffix, base in (("b", 1000), ("ib", 1024))
}


def _identity(path: str | None) -> libp2p.KeyPair:
    if path is None:
        return libp2p.KeyPair.generate()
    if os.path.exists(path):
        return libp2p.KeyPair.load(path)
    key = libp2p.KeyPair.generate()
    key.save(path)
    return key


def _peer_of(addr: str) -> libp2p.Multiaddr:
    ma = libp2p.Multiaddr(addr)
    if ma.value_for_protocol("p2p") is None:
        raise libp2p.ParseError(f"{addr}: the address must end in /p2p/<peer id>")
    return ma


def parse_size(text: str) -> int:
    """A byte count: 1048576, 10MiB, 1.5GB, 1 GiB (argparse's type for sizes)."""
    m = re.fullmatch(r"\s*(\d+(?:\.\d*)?|\.\d+)\s*([A-Za-z]*)\s*", text)
    if m is None:
        raise argparse.ArgumentTypeError(f"{text!r} is not a size (e.g. 1048576, 10MiB, 1.5GB)")
    number, unit = m.groups()
    scale = _SIZE_UNITS.get(unit.lower())
    if scale is None:
        raise argparse.ArgumentTypeError(
            f"{text!r}: unknown unit {unit!r} (B, kB, MB, GB, TB, PB, EB, KiB, MiB, GiB, TiB, PiB, EiB)"
        )
    size = Fraction(number) * scale
    if size.denominator != 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of bytes")
    if size >= 2**64:
        raise argparse.ArgumentTypeError(f"{text!r} is more than perf's limit of 2**64 - 1 bytes")
    return int(size)


def cmd_id(args: argparse.Namespace) -> int:
    key = _identity(args.key)
    peer = key.peer_id
    if args.json:
        print(json.dumps({"peer_id": str(peer), "cid": peer.to_cid(), "key_type": key.key_type.name}))
    else:
        print(f"peer id  {peer}\nas CID   {peer.to_cid()}\nkey type {key.key_type.name}")
    return 0


async def _echo_handler(stream: libp2p.Stream) -> None:
    async for chunk in stream:
        await stream.write(chunk)


async def node(args: argparse.Namespace) -> int:
    async with libp2p.Host(identity=_identity(args.key), listen=args.listen, perf=True) as host:
        host.set_stream_handler(ECHO, _echo_handler)
        print(f"peer id {host.peer_id}", flush=True)
        for a in host.addrs:
            print(f"listening on {a}", flush=True)
        for addr in args.connect:
            peer = await host.connect(addr)
            print(f"connected to {peer}", flush=True)
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for s in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(s, stop.set)

        async def report() -> None:
            async for event in host.events():
                if isinstance(event, libp2p.PeerConnected):
                    print(f"connected {event.peer} ({event.connection.remote_address})", flush=True)
                elif isinstance(event, libp2p.PeerDisconnected):
                    print(f"disconnected {event.peer}", flush=True)

        reporter = asyncio.create_task(report())
        await stop.wait()
        reporter.cancel()
    return 0


async def ping(args: argparse.Namespace) -> int:
    target = _peer_of(args.addr)
    async with libp2p.Host() as host:
        peer = await asyncio.wait_for(host.connect(target), args.timeout)
        rtts = []
        for i in range(args.count):
            rtt = (await asyncio.wait_for(host.ping(peer), args.timeout)).total_seconds() * 1000
            rtts.append(rtt)
            if not args.json:
                print(f"ping {peer}: seq={i + 1} time={rtt:.3f} ms", flush=True)
    summary = {"min": min(rtts), "avg": statistics.fmean(rtts), "max": max(rtts), "count": len(rtts)}
    if args.json:
        print(json.dumps({"peer": str(peer), "rtt_ms": rtts, **summary}))
    else:
        print(f"rtt min/avg/max = {summary['min']:.3f}/{summary['avg']:.3f}/{summary['max']:.3f} ms")
    return 0


async def echo(args: argparse.Namespace) -> int:
    target = _peer_of(args.addr)
    async with libp2p.Host() as host:
        peer = await asyncio.wait_for(host.connect(target), args.timeout)
        stream = await asyncio.wait_for(host.new_stream(peer, ECHO), args.timeout)
        await stream.write(args.text.encode())
        await stream.close_write()
        answer = (await asyncio.wait_for(stream.read(), args.timeout)).decode(errors="replace")
        await stream.close()
    print(json.dumps({"peer": str(peer), "answer": answer}) if args.json else answer)
    return 0


async def perf(args: argparse.Namespace) -> int:
    target = _peer_of(args.addr)
    async with libp2p.Host() as host:
        peer = await asyncio.wait_for(host.connect(target), args.timeout)
        try:
            r = await asyncio.wait_for(host.perf(peer, upload=args.upload, download=args.download), args.max_time)
        except libp2p.NegotiationError as e:
            raise libp2p.NegotiationError(f"{peer} does not serve {PERF} ({e})") from e
    if args.json:
        rates = {"upload": r.upload_throughput, "download": r.download_throughput}
        print(
            json.dumps(
                {
                    "peer": str(peer),
                    "upload_bytes": r.upload_bytes,
                    "download_bytes": r.download_bytes,
                    "upload_seconds": r.upload_time.total_seconds(),
                    "download_seconds": r.download_time.total_seconds(),
                    "total_seconds": r.total_time.total_seconds(),
                    **{f"{k}_bytes_per_second": v if math.isfinite(v) else None for k, v in rates.items()},
                }
            )
        )
    else:
        print(f"perf {peer}")
        for name, size, time, rate in (
            ("upload", r.upload_bytes, r.upload_time, r.upload_throughput),
            ("download", r.download_bytes, r.download_time, r.download_throughput),
        ):
            print(f"{name:<9} {format_size(size)} in {format_duration(time)}: {format_size(rate)}/s")
        print(f"{'total':<9} {format_duration(r.total_time)} (stream open to close)")
    return 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="libp2p", description="A libp2p node on the C++ core.")
    sub = p.add_subparsers(dest="command", required=True)
    c = sub.add_parser("id", help="create or show an identity")
    c.add_argument("--key", help="private key file (created if missing)")
    c.add_argument("--json", action="store_true", help="print JSON")
    c = sub.add_parser("node", help="run a node serving ping, identify, echo and perf until Ctrl-C")
    c.add_argument("--listen", nargs="+", default=["/ip4/0.0.0.0/tcp/0"], metavar="MADDR")
    c.add_argument("--key", help="private key file (created if missing)")
    c.add_argument("--connect", nargs="*", default=[], metavar="MADDR")
    c = sub.add_parser("ping", help="ping a peer like ping(8)")
    c.add_argument("addr", metavar="MADDR", help="the peer's address, ending in /p2p/<id>")
    c.add_argument("-c", "--count", type=int, default=4)
    c.add_argument("--timeout", type=float, default=10.0, help="seconds for each step")
    c.add_argument("--json", action="store_true")
    c = sub.add_parser("echo", help="send TEXT over /echo/1.0.0 and print the answer")
    c.add_argument("addr", metavar="MADDR")
    c.add_argument("text")
    c.add_argument("--timeout", type=float, default=10.0, help="seconds for each step")
    c.add_argument("--json", action="store_true")
    c = sub.add_parser("perf", help=f"measure throughput with {PERF}: upload, then download")
    c.add_argument("addr", metavar="MADDR", help="the peer's address, ending in /p2p/<id>; it must serve perf")
    c.add_argument("--upload", type=parse_size, default=0, metavar="BYTES", help="bytes to send (default 0)")
    c.add_argument("--download", type=parse_size, default=0, metavar="BYTES", help="bytes to receive (default 0)")
    c.add_argument("--timeout", type=float, default=10.0, help="seconds to connect")
    c.add_argument("--max-time", type=float, metavar="SECONDS", help="seconds for the run (default: no limit)")
    c.add_argument("--json", action="store_true")
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        if args.command == "id":
            return cmd_id(args)
        command = {"node": node, "ping": ping, "echo": echo, "perf": perf}[args.command]
        return asyncio.run(command(args))
    except libp2p.ParseError as e:
        print(f"libp2p {args.command}: {e}", file=sys.stderr)
        return 2
    except (libp2p.Error, asyncio.TimeoutError, OSError) as e:
        what = "timed out" if isinstance(e, (asyncio.TimeoutError, TimeoutError)) else str(e)
        print(f"libp2p {args.command}: {what}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
