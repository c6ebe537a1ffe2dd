"""The asyncio side of the bridge to the C++ network thread (DESIGN.md).

Every call to the runtime carries an op id and gets a future of the running
loop; the C++ side completes ops into a queue and wakes the loop through an
eventfd, once per batch. Cancelling a future cancels the C++ operation.

Stream reads and writes are asked instead (ask()): the runtime answers at
once from the stream's buffers when it can, and otherwise parks the op,
whose completion only says to ask again; nothing runs in C++ on its behalf,
so a cancelled wait has nothing to cancel.
"""

from __future__ import annotations

import asyncio
import itertools
import logging
from collections.abc import Callable
from typing import Any

from libp2p import _core
from libp2p.errors import ClosedError, _from_core

log = logging.getLogger("libp2p")


class Bridge:
    def __init__(self, runtime: _core.HostRuntime, loop: asyncio.AbstractEventLoop) -> None:
        self.runtime = runtime
        self.loop = loop
        self._ids = itertools.count(1)
        self._futures: dict[int, tuple[asyncio.Future[Any], bool]] = {}
        self.on_inbound: Callable[[int, tuple[Any, ...]], None] = lambda handler, stream: None
        self._closed = False
        loop.add_reader(runtime.wakeup_fd, self._drain)

    def call(self, method: str, *args: Any, dialing: bool = False) -> asyncio.Future[Any]:
        """Starts `runtime.method(op, *args)`; the future resolves with its result."""
        future: asyncio.Future[Any] = self.loop.create_future()
        if self._closed:
            future.set_exception(ClosedError("host closed"))
            return future
        op = next(self._ids)
        self._futures[op] = (future, dialing)
        future.add_done_callback(lambda f: self._cancel(op) if f.cancelled() else None)
        getattr(self.runtime, method)(op, *args)
        return future

    async def ask(self, method: str, *args: Any) -> Any:
        """`runtime.method(op, *args)` until it answers; an error answer is raised."""
        while True:
            if self._closed:
                raise ClosedError("host closed")
            op = next(self._ids)
            answer = getattr(self.runtime, method)(op, *args)
            if answer is None:  # parked
                future: asyncio.Future[Any] = self.loop.create_future()
                self._futures[op] = (future, False)
                try:
                    await future
                finally:
                    self._futures.pop(op, None)
            elif isinstance(answer, tuple):
                raise _from_core(*answer)
            else:
                return answer

    def _cancel(self, op: int) -> None:
        if self._futures.pop(op, None) is not None and not self._closed:
            self.runtime.cancel(op)

    def _drain(self) -> None:
        for op, error, value in self.runtime.drain():
            if op == 0:
                handler, stream = value
                self.on_inbound(handler, stream)
                continue
            entry = self._futures.pop(op, None)
            if entry is None:  # cancelled meanwhile
                continue
            future, dialing = entry
            if future.done():
                continue
            if error is None:
                future.set_result(value)
            else:
                category, code, message = error
                future.set_exception(_from_core(category, code, message, dialing=dialing))

    def close(self) -> None:
        """Stops watching the runtime; pending futures fail with ClosedError."""
        if self._closed:
            return
        self._closed = True
        try:
            self._drain()
        finally:
            self.loop.remove_reader(self.runtime.wakeup_fd)
            for future, _ in self._futures.values():
                if not future.done():
                    future.set_exception(ClosedError("host closed"))
            self._futures.clear()
