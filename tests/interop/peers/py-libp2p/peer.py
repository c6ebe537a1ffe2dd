"""The py-libp2p peer of the interop matrix (tests/interop/README.md).

    peer.py listen --ip IP [--transport tcp|ws|quic-v1] [--security noise|tls] [--muxer yamux|mplex] [--timeout S]
        serves ping, identify and /echo/1.0.0; prints its full multiaddr
        (with /p2p/<id>) as the first line of stdout, then runs until killed
    peer.py dial [--transport ...] [--security ...] [--muxer ...] [--timeout S] MULTIADDR
        connects, pings, checks identify, echoes if the remote serves echo,
        prints one JSON line and exits 0

The `run` script beside this file does the Redis part of the contract.
"""

import argparse
import json
import os
import sys
import time
import traceback

import multiaddr
import trio

from libp2p import new_host
from libp2p.crypto.ed25519 import create_new_key_pair
from libp2p.crypto.x25519 import create_new_key_pair as create_new_x25519_key_pair
from libp2p.custom_types import TProtocol
from libp2p.identity.identify.identify import ID as IDENTIFY
from libp2p.identity.identify.pb.identify_pb2 import Identify
from libp2p.network.stream.exceptions import StreamEOF
from libp2p.peer.peerinfo import info_from_p2p_addr
from libp2p.security.noise.transport import PROTOCOL_ID as NOISE_ID, Transport as NoiseTransport
from libp2p.security.tls.transport import PROTOCOL_ID as TLS_ID, TLSTransport
from libp2p.stream_muxer.mplex.mplex import MPLEX_PROTOCOL_ID, Mplex
from libp2p.stream_muxer.yamux.yamux import PROTOCOL_ID as YAMUX_ID, Yamux
from libp2p.utils.address_validation import expand_wildcard_address
from libp2p.utils.varint import read_length_prefixed_protobuf

PING = TProtocol("/ipfs/ping/1.0.0")
ECHO = TProtocol("/echo/1.0.0")


def fail(message):
    print(message, file=sys.stderr, flush=True)
    os._exit(1)


def make_host(o, listen_addrs):
    key = create_new_key_pair()
    if o.transport == "quic-v1":  # QUIC (aioquic) brings its own security and muxing
        return new_host(key_pair=key, listen_addrs=listen_addrs, enable_tcp=False, enable_quic=True)
    if o.security == "noise":
        sec = {NOISE_ID: NoiseTransport(key, noise_privkey=create_new_x25519_key_pair().private_key)}
    else:
        sec = {TLS_ID: TLSTransport(key)}
    muxer = {TProtocol(YAMUX_ID): Yamux} if o.muxer == "yamux" else {TProtocol(MPLEX_PROTOCOL_ID): Mplex}
    return new_host(key_pair=key, sec_opt=sec, muxer_opt=muxer, listen_addrs=listen_addrs,
                    enable_tcp=o.transport == "tcp", enable_websocket=o.transport == "ws")


async def read_to_end(stream):
    out = bytearray()
    try:
        while chunk := await stream.read(64 * 1024):
            out += chunk
    except StreamEOF:
        pass
    return bytes(out)


async def read_exactly(stream, n):
    out = bytearray()
    while len(out) < n and (chunk := await stream.read(n - len(out))):
        out += chunk
    return bytes(out)


async def serve_echo(stream):
    try:
        await stream.write(await read_to_end(stream))
        await stream.close_write()
    except Exception:
        await stream.reset()


def expand_wildcard(address):
    """expand_wildcard_address, keeping what follows the port (py-libp2p 0.8.1 drops a /ws there)."""
    _, _, after_port = str(address).partition("/udp/" if "/udp/" in str(address) else "/tcp/")
    _, _, tail = after_port.partition("/")
    tail = f"/{tail}" if tail else ""
    return [e if str(e).endswith(tail) else multiaddr.Multiaddr(f"{e}{tail}") for e in expand_wildcard_address(address)]


async def listen(o):
    suffix = {"tcp": "/tcp/0", "ws": "/tcp/0/ws", "quic-v1": "/udp/0/quic-v1"}[o.transport]
    address = multiaddr.Multiaddr(f"/ip4/{o.ip}{suffix}")
    host = make_host(o, [address])
    host.set_stream_handler(ECHO, serve_echo)
    async with host.run(listen_addrs=[address]):
        # py-libp2p announces 0.0.0.0 as it is: publish an interface address.
        addrs = [e for a in host.get_addrs() for e in expand_wildcard(a) if "/ip4/0.0.0.0/" not in str(e)]
        chosen = next((a for a in addrs if not str(a).startswith("/ip4/127.")), addrs[0] if addrs else None)
        if chosen is None:
            fail("no listen address")
        if "/p2p/" not in str(chosen):
            chosen = chosen.encapsulate(multiaddr.Multiaddr(f"/p2p/{host.get_id()}"))
        print(chosen, flush=True)
        await trio.sleep_forever()


async def dial(o):
    info = info_from_p2p_addr(multiaddr.Multiaddr(o.remote))
    host = make_host(o, [])
    async with host.run(listen_addrs=[]):
        start = time.perf_counter()
        await host.connect(info)
        stream = await host.new_stream(info.peer_id, [PING])
        payload = os.urandom(32)
        sent_at = time.perf_counter()
        await stream.write(payload)
        got = b""
        while len(got) < 32:
            chunk = await stream.read(32 - len(got))
            if not chunk:
                fail("ping: the stream ended early")
            got += chunk
        now = time.perf_counter()
        if got != payload:
            fail("ping: the echo differs from what was sent")
        rtt, handshake_plus_rtt = now - sent_at, now - start
        await stream.close()

        stream = await host.new_stream(info.peer_id, [IDENTIFY])
        who = Identify()
        who.ParseFromString(await read_length_prefixed_protobuf(stream, use_varint_format=True))
        await stream.close()
        protocols = list(who.protocols)
        if str(PING) not in protocols:
            fail(f"identify: the remote does not list {PING}")
        echo = "not served by the remote"
        if str(ECHO) in protocols:
            stream = await host.new_stream(info.peer_id, [ECHO])
            data = os.urandom(1024)
            await stream.write(data)
            await stream.close_write()
            # The 1 KiB expected, not to EOF: py-libp2p 0.8.1's QUIC stream
            # raises "closed" instead of EOF for a read after both sides have
            # closed (transport/quic/stream.py read() checks the state first).
            reply = await read_to_end(stream) if o.transport != "quic-v1" else await read_exactly(stream, len(data))
            if reply != data:
                fail(f"echo: the reply ({len(reply)} bytes) differs from what was sent")
            echo = "ok"
        print(json.dumps({
            "handshakePlusOneRTTMillis": handshake_plus_rtt * 1000,
            "pingRTTMilllis": rtt * 1000,
            "checked": {
                "remotePeer": str(info.peer_id),
                "security": o.security,
                "muxer": o.muxer,
                "identify": {"agentVersion": who.agent_version, "protocols": protocols},
                "ping": "ok",
                "echo": echo,
            },
        }), flush=True)
    os._exit(0)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", choices=["listen", "dial"])
    parser.add_argument("--transport", default="tcp", choices=["tcp", "ws", "quic-v1"])
    parser.add_argument("--security", default="noise", choices=["noise", "tls", "-"])  # "-": quic-v1
    parser.add_argument("--muxer", default="yamux", choices=["yamux", "mplex", "-"])
    parser.add_argument("--ip", default="0.0.0.0")
    parser.add_argument("--timeout", type=int, default=180)
    parser.add_argument("remote", nargs="?")
    o = parser.parse_intermixed_args()
    if o.mode == "dial" and not o.remote:
        fail("dial: one multiaddr expected")

    async def limited():
        with trio.move_on_after(o.timeout):
            await (dial(o) if o.mode == "dial" else listen(o))
        if o.mode == "dial":
            fail(f"timed out after {o.timeout} s")

    try:
        trio.run(limited)
    except Exception as e:
        while isinstance(e, BaseExceptionGroup) and len(e.exceptions) == 1:
            e = e.exceptions[0]
        traceback.print_exception(e)
        fail(f"{o.mode}: {type(e).__name__}: {e}")


if __name__ == "__main__":
    main()
