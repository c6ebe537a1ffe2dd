"""The examples, run as their header comments say: as programs, in subprocesses.

The Python ones from examples/python; the C++ ones from the build tree
($LIBP2P_BUILD_DIR, which `make test` sets, else build/release), skipped when
they are not built. Servers print their address first: the tests read that
line to know when the server is up.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import pathlib
import subprocess
import sys
from asyncio.subprocess import PIPE
from collections.abc import AsyncIterator

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
BUILD = ROOT / os.environ.get("LIBP2P_BUILD_DIR", "build/release")  # an absolute value replaces ROOT
TIMEOUT = 60  # seconds; only against a hang, never to wait for something


def program(language: str, name: str) -> list[str]:
    if language == "python":
        return [sys.executable, str(ROOT / "examples" / "python" / f"{name}.py")]
    path = BUILD / "examples" / "cpp" / name
    if not os.access(path, os.X_OK):
        pytest.skip(f"{path} is not built (configure with -DLIBP2P_BUILD_TOOLS=ON, or set LIBP2P_BUILD_DIR)")
    return [str(path)]


async def start(cmd: list[str], *args: str) -> asyncio.subprocess.Process:
    return await asyncio.create_subprocess_exec(*cmd, *args, stdin=PIPE, stdout=PIPE)


async def first_line(proc: asyncio.subprocess.Process) -> str:
    """The first line the program prints: its address."""
    assert proc.stdout is not None
    line = (await asyncio.wait_for(proc.stdout.readline(), TIMEOUT)).decode().strip()
    assert "/p2p/" in line, f"it printed {line!r}, not its address (exit code {proc.returncode})"
    return line


async def finish(proc: asyncio.subprocess.Process, stdin: bytes | None = None) -> str:
    """What the program prints until it exits (with code 0), given `stdin`."""
    out, _ = await asyncio.wait_for(proc.communicate(stdin), TIMEOUT)
    assert proc.returncode == 0, f"exit code {proc.returncode}"
    return out.decode()


@contextlib.asynccontextmanager
async def echo_server(language: str) -> AsyncIterator[str]:
    """An echo server in a subprocess; yields its address; stops it with SIGTERM."""
    proc = await start(program(language, "echo_server"))
    try:
        yield await first_line(proc)
    finally:
        if proc.returncode is None:
            proc.terminate()
        await finish(proc)


LANGUAGES = ["python", "cpp"]


@pytest.mark.parametrize("client", LANGUAGES)
@pytest.mark.parametrize("server", LANGUAGES)
async def test_echo_client_and_server(server: str, client: str) -> None:
    cmd = program(client, "echo_client")  # skips before starting a server
    async with echo_server(server) as address:
        out = await finish(await start(cmd, address, "hello from the client"))
    assert out == "hello from the client\n"


@pytest.mark.parametrize("language", LANGUAGES)
async def test_echo_client_reports_an_unreachable_server(language: str) -> None:
    cmd = program(language, "echo_client")
    async with echo_server("python") as address:
        pass  # the server is gone: its port refuses
    done = subprocess.run([*cmd, address], capture_output=True, text=True, timeout=TIMEOUT)
    assert done.returncode == 1
    assert done.stdout == "" and "echo_client" in done.stderr


@pytest.mark.parametrize("dialer", LANGUAGES)
@pytest.mark.parametrize("listener", LANGUAGES)
async def test_chat_between_two_programs(listener: str, dialer: str) -> None:
    dialer_cmd = program(dialer, "chat")
    listen = await start(program(listener, "chat"))
    try:
        address = await first_line(listen)
        dial = await start(dialer_cmd, address)
        # Each side's user types lines, then Ctrl-D; each program exits when both sides have ended.
        dialer_out, listener_out = await asyncio.gather(
            finish(dial, b"hello from the dialer\nand a second line\n"), finish(listen, b"hello from the listener\n")
        )
    finally:
        if listen.returncode is None:
            listen.kill()
            await listen.wait()
    assert dialer_out == "hello from the listener\n"
    assert listener_out == "hello from the dialer\nand a second line\n"


def test_ping_echo() -> None:
    done = subprocess.run(program("python", "ping_echo"), capture_output=True, text=True, timeout=TIMEOUT)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert sum(line.startswith("ping: ") for line in lines) == 3
    assert "echo: hello from alice" in lines
