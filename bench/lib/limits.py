"""The machine's own limits, measured in the same run as the peers:
`openssl speed` for the two ciphers, iperf3 over loopback, and the raw TCP
ping-pong round trip (libp2p-tcp-rtt)."""

from __future__ import annotations

import json
import shutil
import statistics
import subprocess
import time
from pathlib import Path

CIPHERS = {"noise": "chacha20-poly1305", "tls": "aes-256-gcm"}


def cipher_speed(cipher: str, block: int, seconds: int = 3) -> float:
    """Bytes per second of one core sealing `block`-byte blocks."""
    out = subprocess.run(["openssl", "speed", "-evp", cipher, "-bytes", str(block), "-seconds", str(seconds), "-mr"],
                         capture_output=True, text=True, check=True).stdout
    for line in out.splitlines():  # +F:<n>:<cipher>:<bytes per second>
        if line.startswith("+F:"):
            return float(line.rsplit(":", 1)[1])
    raise RuntimeError(f"openssl speed -evp {cipher}: no +F line in {out!r}")


def iperf3_loopback(seconds: int = 5) -> float | None:
    """Bytes per second of one TCP stream over loopback; None without iperf3."""
    if not shutil.which("iperf3"):
        return None
    server = subprocess.Popen(["iperf3", "-s", "-1", "-B", "127.0.0.1", "-p", "5299"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(50):  # a benchmark, not a test: wait for the server to listen
            client = subprocess.run(["iperf3", "-c", "127.0.0.1", "-p", "5299", "-t", str(seconds), "-J"],
                                    capture_output=True, text=True)
            report = json.loads(client.stdout or "{}")
            if client.returncode == 0 and "sum_received" in report.get("end", {}):
                return report["end"]["sum_received"]["bits_per_second"] / 8
            time.sleep(0.1)
        return None
    finally:
        server.kill()
        server.wait()


def tcp_rtt(program: Path, count: int = 20000) -> dict:
    us = json.loads(subprocess.run([str(program), str(count)], capture_output=True, text=True,
                                   check=True).stdout)["us"]
    return {"p50_us": statistics.median(us), "p99_us": sorted(us)[int(0.99 * (len(us) - 1))]}


def measure(tcp_rtt_program: Path) -> dict:
    limits: dict = {"ciphers": {}}
    for security, cipher in CIPHERS.items():
        limits["ciphers"][security] = {
            "cipher": cipher,
            "bytes_per_second": cipher_speed(cipher, 16384),
            # One small AEAD operation: what a ping costs to seal or open.
            "small_op_us": 64 / cipher_speed(cipher, 64, seconds=1) * 1e6,
        }
    limits["iperf3_bytes_per_second"] = iperf3_loopback()
    limits["tcp_rtt"] = tcp_rtt(tcp_rtt_program)
    return limits
