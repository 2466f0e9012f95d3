"""The load generator: a closed loop of N concurrent HTTP/1.1 clients.

It runs in its own process (spawned, not forked, so it carries no state of
the harness) and uses asyncio with raw streams rather than threads: one
event loop drives 20 connections with far less CPU than 20 threads fighting
over the GIL, which matters when the server and the client share 2 cores.
Connections are kept alive when the server allows it (gthread workers do;
sync workers answer ``Connection: close`` and the client reconnects, and the
connect time is then part of the latency, as it is for a real client).
"""

from __future__ import annotations

import asyncio
import contextlib
import multiprocessing
import os
import signal
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path

from bench.stats import LoadResult

LOOPBACK = "127.0.0.1"


@dataclass(frozen=True)
class LoadJob:
    port: int
    host: str
    path: str
    cookie: str | None
    concurrency: int
    requests: int
    duration_s: float
    warmup_requests: int
    warmup_s: float
    timeout_s: float = 10.0
    # gunicorn's master and workers: their CPU time per request is a figure
    # that other load on the machine disturbs far less than requests/s.
    server_pids: tuple[int, ...] = field(default=())

    def request_bytes(self) -> bytes:
        lines = [
            f"GET {self.path} HTTP/1.1",
            f"Host: {self.host}:{self.port}",
            "User-Agent: dugnad-bench/1",
            "Accept: text/html,*/*",
            "Accept-Language: nb",
        ]
        if self.cookie:
            lines.append(f"Cookie: {self.cookie}")
        return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")


class _ServerClosedError(Exception):
    """A reused keep-alive connection was closed before any response byte."""


class _Client:
    """One keep-alive connection, reopened when the server closes it."""

    def __init__(self, job: LoadJob) -> None:
        self.job = job
        self.request = job.request_bytes()
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            with contextlib.suppress(OSError):
                await self.writer.wait_closed()
        self.reader = self.writer = None

    async def get(self) -> int:
        """Send the request and read the whole response; returns its status."""
        reused = self.writer is not None
        try:
            return await self._exchange()
        except _ServerClosedError:
            await self.close()
            if not reused:
                raise ConnectionResetError("connection closed before a response") from None
        # An idle keep-alive connection the server had closed: retry once on a
        # new one, as every HTTP client does. Not an error.
        return await self._exchange()

    async def _exchange(self) -> int:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(LOOPBACK, self.job.port)
        assert self.reader is not None  # noqa: S101 - set together with writer
        self.writer.write(self.request)
        await self.writer.drain()
        try:
            head = await self.reader.readuntil(b"\r\n\r\n")
        except asyncio.IncompleteReadError as exc:
            if not exc.partial:
                raise _ServerClosedError from None
            raise
        status, headers, keep_alive = parse_response_head(head)
        if headers.get("transfer-encoding", "").lower() == "chunked":
            await _read_chunked(self.reader)
        elif "content-length" in headers:
            await self.reader.readexactly(int(headers["content-length"]))
        else:
            await self.reader.read()
            keep_alive = False
        if not keep_alive:
            await self.close()
        return status


def parse_response_head(head: bytes) -> tuple[int, dict[str, str], bool]:
    lines = head.decode("latin-1").split("\r\n")
    version, status, *_ = lines[0].split(" ", 2)
    headers: dict[str, str] = {}
    for line in lines[1:]:
        if ":" in line:
            name, value = line.split(":", 1)
            headers[name.strip().lower()] = value.strip()
    connection = headers.get("connection", "").lower()
    keep_alive = connection != "close" if version == "HTTP/1.1" else connection == "keep-alive"
    return int(status), headers, keep_alive


async def _read_chunked(reader: asyncio.StreamReader) -> None:
    while True:
        size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
        if size == 0:
            # Trailers (if any) end with an empty line.
            while await reader.readuntil(b"\r\n") != b"\r\n":
                pass
            return
        await reader.readexactly(size + 2)


def cpu_seconds(pids: Iterable[int]) -> float:
    """User + system CPU time of ``pids`` so far (Linux /proc; 0 elsewhere)."""
    ticks = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
    total = 0
    for pid in pids:
        try:
            stat = Path(f"/proc/{pid}/stat").read_text()
        except OSError:
            continue
        # Fields after the parenthesised command name; utime and stime are 14 and 15.
        fields = stat.rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])
    return total / ticks


async def _phase(job: LoadJob, requests: int, duration_s: float, record: bool) -> LoadResult:
    """Run until ``requests`` are issued or ``duration_s`` has passed."""
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    errors: dict[str, int] = {}
    issued = 0
    server_cpu = cpu_seconds(job.server_pids)
    client_cpu = time.process_time()
    start = time.perf_counter()
    deadline = start + duration_s
    last_done = start

    async def worker() -> None:
        nonlocal issued, last_done
        client = _Client(job)
        try:
            while issued < requests and time.perf_counter() < deadline:
                issued += 1
                began = time.perf_counter()
                try:
                    status = await asyncio.wait_for(client.get(), job.timeout_s)
                except (OSError, asyncio.IncompleteReadError, TimeoutError, ValueError) as exc:
                    # No usable response: count it and start on a fresh connection.
                    kind = type(exc).__name__
                    errors[kind] = errors.get(kind, 0) + 1
                    await client.close()
                    continue
                finally:
                    last_done = time.perf_counter()
                latencies.append((last_done - began) * 1000)
                statuses[status] = statuses.get(status, 0) + 1
        finally:
            await client.close()

    await asyncio.gather(*(worker() for _ in range(job.concurrency)))
    if not record:
        return LoadResult([], {}, {}, 0.0)
    return LoadResult(
        latencies,
        statuses,
        errors,
        last_done - start,
        server_cpu_s=cpu_seconds(job.server_pids) - server_cpu,
        client_cpu_s=time.process_time() - client_cpu,
    )


async def run_async(job: LoadJob) -> LoadResult:
    if job.warmup_requests > 0 and job.warmup_s > 0:
        # Warm-up: fills the tenant cache, imports lazily loaded code, compiles
        # templates and opens database connections in every worker.
        await _phase(job, job.warmup_requests, job.warmup_s, record=False)
    return await _phase(job, job.requests, job.duration_s, record=True)


def _child(job: LoadJob, conn: Connection) -> None:
    # The parent handles ctrl-C and ends this process; a second traceback
    # from here would only hide the first.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        conn.send(asyncio.run(run_async(job)))
    finally:
        conn.close()


def run_in_child(job: LoadJob) -> LoadResult:
    """Run ``job`` in a separate process so the client shares no GIL with the harness."""
    context = multiprocessing.get_context("spawn")
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(target=_child, args=(job, sender), name="bench-loadgen")
    process.start()
    sender.close()
    # The run is bounded by its duration plus the slowest possible last requests.
    limit = job.warmup_s + job.duration_s + 2 * job.timeout_s + 30
    try:
        if not receiver.poll(limit):
            raise RuntimeError(f"the load generator gave no result within {limit:.0f} s")
        result: LoadResult = receiver.recv()
        return result
    except EOFError:
        raise RuntimeError(f"the load generator failed (exit code {process.exitcode})") from None
    finally:
        receiver.close()
        if process.is_alive():
            process.terminate()
        process.join(5)
