"""Our peer driven from Python (libp2p.Host over the C++ core), for the
interop matrix (tests/interop/README.md).

    peer.py listen --ip IP [--transport tcp|ws|quic-v1] [--security noise|tls] [--muxer yamux|mplex] [--timeout S]
        serves ping, identify and /echo/1.0.0; prints its full multiaddr
        (with /p2p/<id>) as the first line of stdout, then runs until killed
    peer.py dial [--transport ...] [--security ...] [--muxer ...] [--timeout S] MULTIADDR
        connects, pings, checks identify, echoes if the remote serves echo,
        prints one JSON line and exits 0

The `run` script beside this file does the Redis part of the contract.
"""

import argparse
import asyncio
import json
import os
import signal
import sys
import time

import libp2p

LISTEN = {"tcp": "/ip4/{}/tcp/0", "ws": "/ip4/{}/tcp/0/ws", "quic-v1": "/ip4/{}/udp/0/quic-v1"}
SECURITY = {"noise": "/noise", "tls": "/tls/1.0.0"}
MUXERS = {"yamux": "/yamux/1.0.0", "mplex": "/mplex/6.7.0"}
PING = "/ipfs/ping/1.0.0"
ECHO = "/echo/1.0.0"


def config(o, listen):
    if o.transport == "quic-v1":  # QUIC brings its own security and streams
        return libp2p.Config(listen=listen, memory=False)
    return libp2p.Config(listen=listen, security=[SECURITY[o.security]], muxers=[MUXERS[o.muxer]], memory=False)


async def serve_echo(stream):
    async for chunk in stream:
        await stream.write(chunk)


async def listen(o):
    async with libp2p.Host(config(o, [LISTEN[o.transport].format(o.ip)])) as host:
        host.set_stream_handler(ECHO, serve_echo)
        addrs = host.addrs
        chosen = next((a for a in addrs if not str(a).startswith("/ip4/127.")), addrs[0])
        print(chosen if "/p2p/" in str(chosen) else f"{chosen}/p2p/{host.peer_id}", flush=True)
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for s in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(s, stop.set)
        await stop.wait()


async def identified(events, peer):
    async for event in events:
        if isinstance(event, libp2p.PeerIdentified) and event.peer == peer:
            return event


async def dial(o):
    expected = libp2p.PeerId(o.remote.rsplit("/p2p/", 1)[1])
    async with libp2p.Host(config(o, [])) as host:
        events = host.events()  # subscribed now: identify may finish before connect returns
        start = time.perf_counter()
        peer = await host.connect(o.remote)
        rtt = await host.ping(peer)
        handshake_plus_rtt = time.perf_counter() - start
        who = await asyncio.wait_for(identified(events, peer), 10)
        if PING not in who.protocols:
            raise RuntimeError(f"identify: the remote does not list {PING}")
        echo = "not served by the remote"
        if ECHO in who.protocols:
            stream = await host.new_stream(peer, ECHO)
            sent = os.urandom(1024)
            await stream.write(sent)
            await stream.close_write()
            reply = await stream.readexactly(len(sent))
            if reply != sent:
                raise RuntimeError("echo: the reply differs from what was sent")
            await stream.close()
            echo = "ok"
        connection = next(c for c in host.connections if c.peer == peer)
        print(json.dumps({
            "handshakePlusOneRTTMillis": handshake_plus_rtt * 1000,
            "pingRTTMilllis": rtt.total_seconds() * 1000,
            "checked": {
                "remotePeer": str(peer),
                "peerIdMatches": peer == expected,
                "security": connection.security,
                "muxer": connection.muxer,
                "identify": {"agentVersion": who.agent_version, "protocols": who.protocols},
                "ping": "ok",
                "echo": echo,
            },
        }), flush=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", choices=["listen", "dial"])
    parser.add_argument("--transport", default="tcp", choices=sorted(LISTEN))
    parser.add_argument("--security", default="noise", choices=sorted(SECURITY) + ["-"])
    parser.add_argument("--muxer", default="yamux", choices=sorted(MUXERS) + ["-"])
    parser.add_argument("--ip", default="0.0.0.0")
    parser.add_argument("--timeout", type=int, default=180)
    parser.add_argument("remote", nargs="?")
    o = parser.parse_intermixed_args()
    if o.mode == "dial" and not o.remote:
        parser.error("dial: one multiaddr expected")
    try:
        asyncio.run(asyncio.wait_for(dial(o) if o.mode == "dial" else listen(o), o.timeout))
    except asyncio.TimeoutError:
        if o.mode == "dial":
            sys.exit(f"timed out after {o.timeout} s")
    except Exception as e:
        sys.exit(f"{o.mode}: {type(e).__name__}: {e}")


if __name__ == "__main__":
    main()
