"""Soak the pre-send hook service: a steady rate of drafts for minutes, its memory at start and end,
then a worker killed with SIGKILL while requests keep coming, then hostile requests. Not run in CI.

    PYTHONPATH=. python scripts/soak.py --seconds 600 --rate 100 --workers 2

Exit status 0 when no request failed in the soak, memory stayed bounded, the killed worker was
replaced and requests were answered after the kill, and every hostile request got a 4xx in time.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import http.client
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
MEMORY_GROWTH_LIMIT = 0.25  # the service's memory may grow this much over the soak (caches warming)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def drafts() -> list[bytes]:
    """Return request bodies built from the labelled corpus: real replies, messages and records."""
    bodies = []
    for path in sorted((ROOT / "corpus").glob("*/*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                case = json.loads(line)
                body = {key: case[key] for key in ("reply", "complaint", "customer") if case.get(key)}
                record = body.get("customer")
                if isinstance(record, dict):  # the API takes a flat record, as documented
                    body["customer"] = {k: v for k, v in record.items() if not isinstance(v, list | dict)}
                bodies.append(json.dumps(body).encode())
    return bodies


def tree(root: int) -> list[int]:
    """Return root and every process descended from it, from /proc."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            parent = int(stat.rsplit(")", 1)[1].split()[1])
            children.setdefault(parent, []).append(int(entry.name))
    found, queue = [], [root]
    while queue:
        pid = queue.pop()
        found.append(pid)
        queue.extend(children.get(pid, ()))
    return found


def workers(root: int) -> set[int]:
    """Return the uvicorn worker processes: the children that run multiprocessing's spawn entry point."""
    found = set()
    for pid in tree(root)[1:]:
        try:
            command = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ")
        except OSError:
            continue
        if b"multiprocessing.spawn" in command and b"resource_tracker" not in command:
            found.add(pid)
    return found


def rss_mib(root: int) -> float:
    """Return the resident memory of the whole service, main process and workers, in MiB."""
    total = 0
    for pid in tree(root):
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            continue
    return total / 1024


@dataclass
class Tally:
    """Requests sent in one phase: latencies of the answered ones, failures by reason."""

    latencies: list[float] = field(default_factory=list)  # seconds from the scheduled send to the answer
    failures: dict[str, int] = field(default_factory=dict)
    retried: int = 0  # a kept-alive connection the server had closed: sent again once, on a new one
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, latency: float | None, failure: str | None, retried: bool) -> None:
        with self.lock:
            self.retried += retried
            if failure is None:
                self.latencies.append(latency)
            else:
                self.failures[failure] = self.failures.get(failure, 0) + 1

    def summary(self) -> str:
        answered = sorted(self.latencies)
        if not answered:
            return f"0 answered, failures {self.failures}"
        quantiles = statistics.quantiles(answered, n=100, method="inclusive")
        ms = [f"{q * 1000:.1f}" for q in (quantiles[49], quantiles[94], quantiles[98], answered[-1])]
        failed = sum(self.failures.values())
        return (f"{len(answered):,} answered, {failed} failed {self.failures or ''}, {self.retried} resent; "
                f"latency p50 {ms[0]} ms, p95 {ms[1]} ms, p99 {ms[2]} ms, max {ms[3]} ms")


class Client:
    """One kept-alive HTTP connection per thread, as a helpdesk app's HTTP library would keep."""

    def __init__(self, port: int):
        self.port = port
        self.local = threading.local()

    def _connection(self, fresh: bool = False) -> http.client.HTTPConnection:
        if fresh or getattr(self.local, "connection", None) is None:
            self.local.connection = http.client.HTTPConnection(HOST, self.port, timeout=30)
        return self.local.connection

    def post(self, path: str, body: bytes) -> tuple[int, bytes, bool]:
        """POST once; a kept-alive connection found closed before any answer is retried once, fresh."""
        headers = {"Content-Type": "application/json"}
        for attempt in (0, 1):
            connection = self._connection(fresh=attempt == 1)
            try:
                connection.request("POST", path, body, headers)
                response = connection.getresponse()
                return response.status, response.read(), attempt == 1
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                connection.close()
                if attempt == 1:
                    raise
            except Exception:
                connection.close()
                self.local.connection = None
                raise
        raise AssertionError("unreachable")


def load(client: Client, bodies: list[bytes], rate: float, seconds: float, tally: Tally,
         during=None) -> None:
    """Send bodies at a fixed rate (open loop: a slow answer does not slow the sending) for seconds."""
    total = int(rate * seconds)
    started = time.perf_counter()

    def one(index: int, scheduled: float) -> None:
        try:
            status, answer, retried = client.post("/v1/lint", bodies[index % len(bodies)])
        except Exception as exc:  # noqa: BLE001 - every failure is counted by its kind
            tally.record(None, type(exc).__name__, False)
            return
        ok = status == 200 and b'"decision"' in answer
        tally.record(time.perf_counter() - scheduled, None if ok else f"HTTP {status}", retried)

    with concurrent.futures.ThreadPoolExecutor(max_workers=64) as pool:
        for index in range(total):
            scheduled = started + index / rate
            delay = scheduled - time.perf_counter()
            if delay > 0:
                time.sleep(delay)
            if during is not None:
                during(time.perf_counter() - started)
            pool.submit(one, index, scheduled)


def raw(port: int, data: bytes, wait: float = 30.0, pause_after: float = 0.0) -> tuple[str, float]:
    """Send raw bytes; return the status line (or how the connection ended) and the seconds it took."""
    started = time.perf_counter()
    with socket.create_connection((HOST, port), timeout=wait) as sock:
        try:
            sock.sendall(data)
            if pause_after:
                time.sleep(pause_after)
            answer = sock.recv(65536)
        except TimeoutError:
            return "no answer", time.perf_counter() - started
        except (ConnectionResetError, BrokenPipeError):
            return "connection reset", time.perf_counter() - started
    line = answer.split(b"\r\n", 1)[0].decode("latin-1") if answer else "closed without an answer"
    return line, time.perf_counter() - started


def post(body: bytes, extra: bytes = b"", length: int | None = None) -> bytes:
    size = len(body) if length is None else length
    return (b"POST /v1/lint HTTP/1.1\r\nHost: soak\r\nContent-Type: application/json\r\n"
            + f"Content-Length: {size}\r\n".encode() + extra + b"\r\n" + body)


CHUNK = b"10000\r\n" + b" " * 0x10000 + b"\r\n"  # 64 KiB; eight of them are over the 256 KiB default
CHUNKED = (b"POST /v1/lint HTTP/1.1\r\nHost: soak\r\nContent-Type: application/json\r\n"
           b"Transfer-Encoding: chunked\r\n\r\n" + CHUNK * 8 + b"0\r\n\r\n")
HOSTILE = [
    # name, request, acceptable status codes (empty: the server may also just close the connection)
    ("body over the limit, announced", post(b"{}", length=50_000_000), {"413"}),
    ("body over the limit, chunked", CHUNKED, {"413"}),
    ("malformed JSON", post(b'{"reply": "Per company policy, no.",'), {"422", "400"}),
    ("not UTF-8", post(b'{"reply": "caf\xe9"}'), {"422", "400"}),
    ("wrong type: reply", post(b'{"reply": 5}'), {"422"}),
    ("wrong type: customer", post(b'{"reply": "Hi.", "customer": [1, 2]}'), {"422"}),
    ("unknown field", post(b'{"reply": "Hi.", "sender": "x"}'), {"422"}),
    ("empty reply", post(b'{"reply": "   "}'), {"422"}),
    ("lone surrogate", post(b'{"reply": "Hi \\ud800 there"}'), {"422"}),
    ("deep nesting, 100,000 levels", post(b'{"reply": "Hi.", "customer": ' + b"[" * 100_000 + b"]" * 100_000
                                          + b"}"), {"422", "400"}),
    ("deep nesting, objects", post(b'{"reply": "Hi.", "customer": ' + b'{"a":' * 40_000 + b"1" + b"}" * 40_000
                                   + b"}"), {"422", "400"}),
    ("JSON that is not an object", post(b'["reply"]'), {"422"}),
]


def hostile(port: int) -> list[str]:
    """Send each hostile request; return the problems (a 5xx, no answer, or an unexpected status)."""
    problems = []
    for name, request, allowed in HOSTILE:
        line, seconds = raw(port, request)
        status = line.split(" ")[1] if line.startswith("HTTP/") else line
        verdict = "ok" if status in allowed and seconds < 10 else "PROBLEM"
        print(f"  {verdict:<7} {name}: {line} in {seconds:.2f} s")
        if verdict != "ok":
            problems.append(f"{name}: {line}")
    # A client that announces a body and stops sending holds a connection; a read timeout must end it.
    for name, request in (("body that stops arriving", post(b'{"reply": "Hi', length=1000)),
                          ("headers that stop arriving", b"POST /v1/lint HTTP/1.1\r\nHost: soak\r\n")):
        line, seconds = raw(port, request, wait=75)
        verdict = "ok" if line != "no answer" and seconds < 70 else "PROBLEM"
        print(f"  {verdict:<7} {name}: {line} after {seconds:.1f} s")
        if verdict != "ok":
            problems.append(f"{name}: still open after {seconds:.0f} s (no read timeout)")
    return problems


def start(port: int, worker_count: int, folder: Path) -> subprocess.Popen:
    command = [sys.executable, "-m", "replylint", "serve", "--port", str(port),
               "--workers", str(worker_count), "--no-access-log"]
    env = os.environ | {"PYTHONPATH": str(ROOT)}
    log = (folder / "service.log").open("wb")
    return subprocess.Popen(command, cwd=folder, env=env, stdout=log, stderr=subprocess.STDOUT,
                            start_new_session=True)


def wait_ready(port: int, seconds: float = 240) -> None:
    """Wait until /readyz answers 200 ten times in a row (every worker has loaded its rules)."""
    deadline, streak = time.monotonic() + seconds, 0
    while streak < 10:
        if time.monotonic() > deadline:
            raise SystemExit("soak: the service did not become ready")
        try:
            connection = http.client.HTTPConnection(HOST, port, timeout=5)
            connection.request("GET", "/readyz")
            streak = streak + 1 if connection.getresponse().status == 200 else 0
            connection.close()
        except OSError:
            streak = 0
        time.sleep(0.2)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=600, help="length of the soak")
    parser.add_argument("--rate", type=float, default=100, help="requests a second")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--kill-seconds", type=float, default=60, help="length of the phase with the SIGKILL")
    options = parser.parse_args()
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="replylint-soak-"))
    port = free_port()
    service = start(port, options.workers, folder)
    problems: list[str] = []
    try:
        wait_ready(port)
        client, bodies = Client(port), drafts()
        print(f"service on port {port}, {options.workers} workers, {len(bodies)} drafts; log in {folder}")
        load(client, bodies, options.rate, 15, Tally())  # warm-up: caches, connections
        before = rss_mib(service.pid)
        samples = [before]

        def sample(elapsed: float) -> None:
            if elapsed // 30 > (len(samples) - 1):
                samples.append(rss_mib(service.pid))

        soak = Tally()
        load(client, bodies, options.rate, options.seconds, soak, during=sample)
        after = rss_mib(service.pid)
        growth = (after - before) / before
        print(f"soak: {options.seconds:.0f} s at {options.rate:.0f}/s: {soak.summary()}")
        print(f"memory: {before:.0f} MiB at start, {after:.0f} MiB at end ({growth:+.1%}), "
              f"max {max(samples + [after]):.0f} MiB, sampled every 30 s")
        if soak.failures:
            problems.append(f"{sum(soak.failures.values())} requests failed in the soak")
        if growth > MEMORY_GROWTH_LIMIT:
            problems.append(f"memory grew {growth:.0%} over the soak")
        problems += kill_phase(service.pid, client, bodies, options)
        print("hostile requests:")
        problems += hostile(port)
        healthy = Tally()
        load(client, bodies, 20, 2, healthy)
        print(f"after the hostile requests: {healthy.summary()}")
        if healthy.failures or not healthy.latencies:
            problems.append("the service stopped answering after the hostile requests")
    finally:
        os.killpg(service.pid, signal.SIGTERM)
        try:
            service.wait(30)
        except subprocess.TimeoutExpired:
            os.killpg(service.pid, signal.SIGKILL)
    print("problems: " + ("none" if not problems else "; ".join(problems)))
    return 1 if problems else 0


def kill_phase(root: int, client: Client, bodies: list[bytes], options) -> list[str]:
    """SIGKILL one worker under load; it must be replaced and the requests after it must be answered."""
    before = workers(root)
    if len(before) < 2:
        return [f"found {len(before)} worker processes; run with --workers 2 or more"]
    victim = min(before)
    state = {"killed": None, "replaced": None}

    def during(elapsed: float) -> None:
        if state["killed"] is None and elapsed >= 5:
            os.kill(victim, signal.SIGKILL)
            state["killed"] = time.monotonic()
        elif state["killed"] and state["replaced"] is None and int(elapsed * 10) % 5 == 0:
            now = workers(root)
            if victim not in now and len(now) == len(before):
                state["replaced"] = time.monotonic()

    around = Tally()
    load(client, bodies, options.rate, options.kill_seconds / 2, around, during=during)
    after = Tally()
    load(client, bodies, options.rate, options.kill_seconds / 2, after, during=during)
    replaced = state["replaced"]
    when = f"in {replaced - state['killed']:.1f} s" if replaced else "NOT replaced"
    print(f"SIGKILL worker {victim}: {when}; new workers {sorted(workers(root) - before)}")
    print(f"  while it died: {around.summary()}")
    print(f"  after: {after.summary()}")
    problems = []
    if replaced is None:
        problems.append("the killed worker was not replaced")
    if after.failures or not after.latencies:
        problems.append(f"{sum(after.failures.values())} requests failed after the kill")
    return problems


if __name__ == "__main__":
    sys.exit(main())
