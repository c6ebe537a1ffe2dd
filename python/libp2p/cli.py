"""The `libp2p` command: identities, a node, ping and echo from the shell.

    libp2p id [--key FILE] [--json]
    libp2p node --listen MADDR... [--key FILE] [--connect MADDR...]
    libp2p ping MADDR [-c N] [--json]
    libp2p echo MADDR TEXT [--json]

Exit codes: 0 success, 1 failure (unreachable, refused, timeout), 2 bad usage
or a malformed address.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import statistics
import sys
from collections.abc import Sequence

import libp2p

ECHO = "/echo/1.0.0"


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
    async with libp2p.Host(identity=_identity(args.key), listen=args.listen) as host:
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


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="libp2p", description="A libp2p node on the C++ core.")
    sub = p.add_subparsers(dest="command", required=True)
    c = sub.add_parser("id", help="create or show an identity")
    c.add_argument("--key", help="private key file (created if missing)")
    c.add_argument("--json", action="store_true", help="print JSON")
    c = sub.add_parser("node", help="run a node serving ping, identify and echo until Ctrl-C")
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
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        if args.command == "id":
            return cmd_id(args)
        command = {"node": node, "ping": ping, "echo": echo}[args.command]
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
