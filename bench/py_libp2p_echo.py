"""py-libp2p's side of bench/python_echo.py: echo throughput over one stream.

Run with py-libp2p's own venv (it also imports as `libp2p`):

    ~/.cache/libp2p-interop/py-libp2p/venv/bin/python bench/py_libp2p_echo.py --mib 32

Two py-libp2p hosts in one trio process, TCP loopback, Noise + yamux, one
stream on /echo/1.0.0: the client writes MIB MiB in 64 KiB writes while a
concurrent task reads the echo back. Prints one JSON line: bytes, seconds
(wall clock, from the first write to the last echoed byte), cpu_seconds
(process CPU time over the same span).
"""

import argparse
import json
import os
import time

import multiaddr
import trio

from libp2p import new_host
from libp2p.crypto.ed25519 import create_new_key_pair
from libp2p.crypto.x25519 import create_new_key_pair as create_new_x25519_key_pair
from libp2p.custom_types import TProtocol
from libp2p.network.stream.exceptions import StreamEOF
from libp2p.peer.peerinfo import info_from_p2p_addr
from libp2p.security.noise.transport import PROTOCOL_ID as NOISE_ID, Transport as NoiseTransport
from libp2p.stream_muxer.yamux.yamux import PROTOCOL_ID as YAMUX_ID, Yamux

ECHO = TProtocol("/echo/1.0.0")
WRITE_SIZE = 64 * 1024


def make_host(listen_addrs):
    key = create_new_key_pair()
    sec = {NOISE_ID: NoiseTransport(key, noise_privkey=create_new_x25519_key_pair().private_key)}
    return new_host(key_pair=key, sec_opt=sec, muxer_opt={TProtocol(YAMUX_ID): Yamux}, listen_addrs=listen_addrs)


async def serve_echo(stream):
    try:
        while chunk := await stream.read(WRITE_SIZE):
            await stream.write(chunk)
    except StreamEOF:
        pass
    await stream.close()


async def run(total):
    address = multiaddr.Multiaddr("/ip4/127.0.0.1/tcp/0")
    server, client = make_host([address]), make_host([])
    server.set_stream_handler(ECHO, serve_echo)
    async with server.run(listen_addrs=[address]), client.run(listen_addrs=[]):
        addr = next(a for a in server.get_addrs() if "/ip4/127.0.0.1/" in str(a))
        if "/p2p/" not in str(addr):
            addr = addr.encapsulate(multiaddr.Multiaddr(f"/p2p/{server.get_id()}"))
        info = info_from_p2p_addr(addr)
        await client.connect(info)
        stream = await client.new_stream(info.peer_id, [ECHO])
        payload = os.urandom(WRITE_SIZE)
        received = 0

        async def writer():
            for _ in range(total // WRITE_SIZE):
                await stream.write(payload)

        async def reader():
            nonlocal received
            while received < total:
                received += len(await stream.read(WRITE_SIZE))

        wall, cpu = time.perf_counter(), time.process_time()
        async with trio.open_nursery() as nursery:
            nursery.start_soon(writer)
            nursery.start_soon(reader)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        await stream.reset()
    return {"bytes": received, "seconds": wall, "cpu_seconds": cpu}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--mib", type=int, default=32)
    o = parser.parse_args()
    print(json.dumps(trio.run(run, o.mib * 1024 * 1024)), flush=True)
    os._exit(0)  # py-libp2p's background tasks can hold the exit


if __name__ == "__main__":
    main()
