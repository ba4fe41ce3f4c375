"""The bounded build pool: worker processes (one per CPU) that plan, draw and render;
LibreOffice conversions one or two at a time. A request beyond the queue is refused at
once (Busy: 503 with Retry-After), never left to hang; a client that goes away cancels
its work (a job not yet started is dropped, a conversion is killed)."""
from __future__ import annotations

import asyncio
import multiprocessing
import os
import threading
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from ..errors import DeckError
from ..output.convert import pdf_bytes
from . import work
from .settings import Config

BUSY = "сервер сейчас занят: слишком много запросов сразу; попробуйте через несколько секунд"


class Busy(Exception):
    """The queue is full; `retry_after` seconds is a fair wait."""

    def __init__(self, retry_after: int, message: str = BUSY):
        super().__init__(message)
        self.retry_after, self.message = retry_after, message


class Gone(Exception):
    """The client disconnected; its work was cancelled."""


class Failed(Exception):
    """A conversion failed or took too long (a Russian message)."""


async def until_disconnected(receive) -> None:
    """Returns when the client of this request has gone away (its body already read)."""
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            return


async def unless_gone(receive, awaitable):
    """The result of `awaitable`, or Gone (the awaitable cancelled) if the client leaves
    first."""
    job = asyncio.ensure_future(awaitable)
    watch = asyncio.ensure_future(until_disconnected(receive))
    try:
        done, _ = await asyncio.wait({job, watch}, return_when=asyncio.FIRST_COMPLETED)
    except asyncio.CancelledError:
        job.cancel()
        raise
    finally:
        watch.cancel()
    if job not in done:
        job.cancel()
        raise Gone()
    return job.result()


class BuildPool:
    """Worker processes sized to the CPUs, a bound on the jobs waiting for them, and our
    own queue in front of them: a worker is given a job only when it is free, previews
    before downloads (a preview takes ~8 ms of a worker, a deck ~35: a teacher typing
    should not wait behind the decks of others), and a job whose client left is never started."""

    def __init__(self, config: Config):
        self.config = config
        self.waiting = 0
        self.executor: ProcessPoolExecutor | None = None
        self.free = config.build_workers
        self.queues: tuple[deque, deque] = (deque(), deque())  # urgent, the rest
        self.converting = asyncio.Semaphore(config.conversions)
        self.converts_waiting = 0

    def start(self) -> None:
        methods = multiprocessing.get_all_start_methods()
        # forkserver/spawn: workers never inherit the server's sockets or threads
        method = "forkserver" if "forkserver" in methods else "spawn"
        self.executor = ProcessPoolExecutor(self.config.build_workers,
                                            mp_context=multiprocessing.get_context(method),
                                            initializer=work.start, initargs=(self.config,))
        for future in [self.executor.submit(os.getpid) for _ in
                       range(self.config.build_workers)]:
            future.result()  # every worker started (and warm) before the first request

    def stop(self) -> None:
        if self.executor is not None:
            self.executor.shutdown(wait=True, cancel_futures=True)
            self.executor = None

    async def run(self, receive, function, *args, urgent: bool = False):
        """`function(*args)` in a worker; Busy when the queue is full, Gone when the client
        leaves first (a job still waiting is dropped; one already running finishes, its
        answer unused, and only then frees its worker)."""
        if self.waiting >= self.config.waiting:
            raise Busy(max(1, round(self.waiting / (10 * self.config.build_workers))))
        self.waiting += 1
        try:
            await unless_gone(receive, self._slot(urgent))
            loop = asyncio.get_running_loop()
            try:
                job = self.executor.submit(function, *args)
            except BaseException:
                self._release()
                raise
            job.add_done_callback(lambda _: loop.call_soon_threadsafe(self._release))
            return await unless_gone(receive, asyncio.wrap_future(job))
        except BrokenProcessPool:
            self._restart()
            raise Failed("процесс сборки аварийно завершился; попробуйте ещё раз") from None
        finally:
            self.waiting -= 1

    async def _slot(self, urgent: bool) -> None:
        """Returns when a worker is ours (taken from `free`)."""
        if self.free > 0 and not any(self.queues):
            self.free -= 1
            return
        turn = asyncio.get_running_loop().create_future()
        self.queues[0 if urgent else 1].append(turn)
        try:
            await turn
        except asyncio.CancelledError:
            if turn.done() and not turn.cancelled():
                self._release()  # handed a worker just as the client left: pass it on
            raise

    def _release(self) -> None:
        """A worker is free: to the first waiting urgent job, else the first other one."""
        for queue in self.queues:
            while queue:
                turn = queue.popleft()
                if not turn.done():
                    turn.set_result(None)
                    return
        self.free += 1

    def _restart(self) -> None:
        old, self.executor = self.executor, None
        if old is not None:
            old.shutdown(wait=False, cancel_futures=True)
        self.start()

    async def to_pdf(self, receive, data: bytes) -> bytes:
        """The PDF of a .pptx through LibreOffice, at most `conversions` at a time; Busy
        when more than a few wait, Failed on an error or the timeout, Gone (LibreOffice
        killed) when the client leaves."""
        if self.converts_waiting >= 2 * self.config.conversions:
            raise Busy(30, "сейчас сервер уже готовит другие PDF; попробуйте через полминуты")
        self.converts_waiting += 1
        try:
            async with self.converting:
                cancel = threading.Event()
                job = asyncio.to_thread(pdf_bytes, data, self.config.pdf_timeout, cancel)
                try:
                    return await unless_gone(receive, job)
                except DeckError as exc:
                    raise Failed(exc.format_message() + "; скачайте презентацию .pptx") \
                        from None
                except BaseException:
                    cancel.set()
                    raise
        finally:
            self.converts_waiting -= 1
