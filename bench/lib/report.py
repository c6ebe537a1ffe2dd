"""bench/results.json and the `make bench` section of bench/RESULTS.md:
medians with their spread, our ratio to each peer, and the targets of issue 6."""

from __future__ import annotations

import platform
import re
import statistics
from pathlib import Path

BEGIN, END = "<!-- make bench: begin -->", "<!-- make bench: end -->"
GiB = 1 << 30


def summarize(samples: list[dict]) -> dict:
    """{(scenario, stack, figure): {"unit", "better", impl: [values]}}"""
    table: dict = {}
    for s in samples:
        key = (s["scenario"], s["stack"], s["figure"])
        row = table.setdefault(key, {"unit": s["unit"], "better": s["better"], "values": {}})
        row["values"].setdefault(s["impl"], []).append(s["value"])
    return table


def advantage(row: dict | None, ours: str, other: str) -> float | None:
    """How many times better ours is than `other` (> 1: ours is better)."""
    if row is None or ours not in row["values"] or other not in row["values"]:
        return None
    a, b = statistics.median(row["values"][ours]), statistics.median(row["values"][other])
    if a == 0 or b == 0:
        return None
    return a / b if row["better"] == "higher" else b / a


def median(row: dict | None, impl: str) -> float | None:
    if row is None or impl not in row["values"]:
        return None
    return statistics.median(row["values"][impl])


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _cell(values: list[float] | None) -> str:
    if not values:
        return "—"
    m = statistics.median(values)
    return f"{m:.3g} ({min(values):.3g}–{max(values):.3g})" if len(values) > 1 else f"{m:.3g}"


def targets(table: dict, limits: dict, ours: str) -> list[tuple[str, str, bool | None]]:
    """(target, what was measured, met) for each target of issue 6 (the TCP
    stacks, named by their security protocol; QUIC has no target)."""
    out: list[tuple[str, str, bool | None]] = []
    for security, cipher in limits["ciphers"].items():
        for direction in ("upload", "download"):
            row = table.get((direction, security, "throughput"))
            mine = median(row, ours)
            if mine is None:
                continue
            peers = {p: median(row, p) for p in row["values"] if p != ours}
            best = max(((v, p) for p, v in peers.items() if v), default=None)
            if best:
                out.append((f"{security} {direction}: ≥ 1.5× the faster of the others",
                            f"{mine:.2f} GiB/s vs {best[1]} {best[0]:.2f} GiB/s: {mine / best[0]:.2f}×",
                            mine >= 1.5 * best[0]))
            share = mine / (cipher["bytes_per_second"] / GiB)
            out.append((f"{security} {direction}: ≥ 60 % of {cipher['cipher']} on one core",
                        f"{mine:.2f} of {cipher['bytes_per_second'] / GiB:.2f} GiB/s: {share:.0%}", share >= 0.6))
    for security in limits["ciphers"]:
        if (a := advantage(table.get(("handshakes", security, "rate")), ours, "go")) is not None:
            out.append((f"{security} handshakes/s: ≥ 2× go", f"{a:.2f}×", a >= 2))
        if (a := advantage(table.get(("idle", security, "rss")), ours, "go")) is not None:
            out.append((f"{security} memory per idle connection: ≤ ½ of go's", f"go's ÷ ours = {a:.2f}", a >= 2))
        p50 = median(table.get(("latency", security, "p50")), ours)
        if p50 is not None:
            # A ping is two messages, each sealed once and opened once.
            floor = limits["tcp_rtt"]["p50_us"] + 4 * limits["ciphers"][security]["small_op_us"]
            out.append((f"{security} latency p50: within 20 % of TCP ping-pong + the AEAD work",
                        f"{p50:.1f} µs vs {floor:.1f} µs: {p50 / floor:.2f}×", p50 <= 1.2 * floor))
    return out


def markdown(results: dict, ours: str) -> str:
    table = summarize(results["samples"])
    limits = results["limits"]
    impls = results["impls"]
    others = [i for i in impls if i != ours]
    lines = [BEGIN, "", "## Side by side with go-libp2p, rust-libp2p and js-libp2p (`make bench`)", "",
             f"Written by `bench/run` on {results['date']}: {results['rounds']} rounds, the implementations in "
             f"alternation within each round, a fresh server for every run, client and server of the same "
             f"implementation on 127.0.0.1 ({platform.machine()}, {results['cpus']} CPUs, {results['cpu_model']}; "
             f"load average {results['load_average'][0]:.1f} at the start, {results['load_average'][1]:.1f} at the end). "
             "Stacks: `noise` and `tls` are TCP with that security and yamux, `quic-v1` is QUIC. "
             "Each cell: the median (lowest–highest) of the rounds. Raw samples: `bench/results.json`.", "",
             "### The machine, in the same run", "", "| limit | figure |", "| --- | --- |"]
    for security, c in limits["ciphers"].items():
        lines.append(f"| `openssl speed -evp {c['cipher']}`, 16 KiB blocks | {c['bytes_per_second'] / GiB:.2f} GiB/s "
                     f"({c['small_op_us']:.2f} µs per 64-byte block) |")
    if limits.get("iperf3_bytes_per_second"):
        lines.append(f"| iperf3, one TCP stream over loopback | {limits['iperf3_bytes_per_second'] / GiB:.2f} GiB/s |")
    lines.append(f"| TCP ping-pong over loopback, 32 bytes (`libp2p-tcp-rtt`) | p50 {limits['tcp_rtt']['p50_us']:.1f} µs, "
                 f"p99 {limits['tcp_rtt']['p99_us']:.1f} µs |")
    columns = ["scenario", "stack", "figure", *impls, *(f"ours vs {o}" for o in others)]
    lines += ["", "### Results", "", _row(columns), _row(["---"] * len(columns))]
    descriptions = results["scenarios"]
    for (scenario, stack, figure), row in table.items():
        ratios = []
        for o in others:
            a = advantage(row, ours, o)
            ratios.append("—" if a is None else f"{a:.2f}× {'better' if a >= 1 else 'worse'}")
        lines.append(_row([f"{scenario}: {descriptions[scenario]}", stack,
                           f"{figure} ({row['unit']}, {row['better']} is better)",
                           *(_cell(row["values"].get(i)) for i in impls), *ratios]))
    lines += ["", "### Targets of issue 6", "", "| target | measured | met |", "| --- | --- | --- |"]
    for target, measured, met in targets(table, limits, ours):
        lines.append(f"| {target} | {measured} | {'yes' if met else 'no'} |")
    if results.get("failures"):
        lines += ["", "### Runs that failed", ""] + [f"- {f}" for f in results["failures"]]
    lines += ["", END]
    return "\n".join(lines)


def write_section(path: Path, section: str) -> None:
    """Replaces the generated section of RESULTS.md (or appends it)."""
    text = path.read_text() if path.exists() else "# Benchmark results\n"
    pattern = re.compile(re.escape(BEGIN) + ".*?" + re.escape(END), re.S)
    text = pattern.sub(lambda _: section, text) if pattern.search(text) else text.rstrip("\n") + "\n\n" + section + "\n"
    path.write_text(text)
