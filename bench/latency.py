"""Latency of the pre-send hook service under a fixed request rate (open loop), with real drafts from corpus/dev.

    python bench/latency.py                       # starts `replylint serve`, 100 req/s for 60 s
    python bench/latency.py --url http://127.0.0.1:8080 --token-file token --rate 200 --duration 30
    python bench/latency.py --duration 60 --json latency.json

Requests are sent on a schedule (request i at start + i/rate) whether or not earlier ones have
answered, and latency is measured from the scheduled time, so a slow server shows up as latency
rather than as a lower send rate (no coordinated omission). The client is a minimal keep-alive
HTTP/1.1 client on asyncio (a new connection opens whenever none is free), so it costs little CPU;
it still shares the machine with the server, and on a small machine its scheduling is in the figures.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import os
import platform
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus" / "dev"


def drafts(corpus: Path = CORPUS) -> list[dict]:
    """Return /v1/lint bodies for every case of the dev corpus: reply, complaint and customer record."""
    bodies = []
    for path in sorted(corpus.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            case = json.loads(line)
            body = {"reply": case["reply"]}
            if case.get("complaint"):
                body["complaint"] = case["complaint"]
            if isinstance(case.get("customer"), dict):
                body["customer"] = {k: v for k, v in case["customer"].items() if isinstance(v, str | int | float)}
            bodies.append(body)
    return bodies


def percentile(values: list[float], fraction: float) -> float:
    """Nearest-rank percentile of values (sorted or not)."""
    ordered = sorted(values)
    return ordered[max(math.ceil(fraction * len(ordered)) - 1, 0)] if ordered else float("nan")


def machine() -> dict:
    """Return what the figures were measured on."""
    model = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {"cpus": os.cpu_count(), "cpu": model, "python": platform.python_version(), "system": platform.system(),
            "load_average": [round(x, 2) for x in os.getloadavg()]}  # other work on the machine


class Connection:
    """One keep-alive HTTP/1.1 connection: a minimal client, so the load generator costs little CPU."""

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter):
        self.reader, self.writer = reader, writer

    @classmethod
    async def open(cls, host: str, port: int) -> Connection:
        return cls(*await asyncio.open_connection(host, port))

    async def post(self, head: bytes, body: bytes) -> tuple[int, bytes, bool]:
        """Send one request; return the status, the body, and whether the connection may be reused."""
        self.writer.write(head + body)
        status_line = await self.reader.readuntil(b"\r\n")
        status = int(status_line.split()[1])
        length, keep = 0, True
        while (line := await self.reader.readuntil(b"\r\n")) != b"\r\n":
            name, _, value = line.partition(b":")
            name = name.strip().lower()
            if name == b"content-length":
                length = int(value)
            elif name == b"connection" and value.strip().lower() == b"close":
                keep = False
        return status, await self.reader.readexactly(length), keep

    def close(self) -> None:
        self.writer.close()


def request_head(url: str, path: str, length: int, headers: dict[str, str]) -> bytes:
    host = url.split("://", 1)[1].rstrip("/")
    lines = [f"POST {path} HTTP/1.1", f"Host: {host}", "Content-Type: application/json", f"Content-Length: {length}"]
    lines += [f"{name}: {value}" for name, value in headers.items()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


async def run(url: str, bodies: list[dict], rate: float, duration: float, warmup: float, headers: dict) -> dict:
    """Send `rate` requests a second for `duration` seconds after `warmup` seconds; return the measurements."""
    host, port = url.split("://", 1)[1].rstrip("/").rsplit(":", 1)
    encoded = [json.dumps(body).encode() for body in bodies]
    heads = [request_head(url, "/v1/lint", len(body), headers) for body in encoded]
    idle: list[Connection] = []  # open connections not in use; a new one opens when none is free
    latencies: list[float] = []
    server_ms: list[float] = []
    errors: dict[str, int] = {}

    async def exchange(index: int) -> tuple[Connection, int, bytes, bool]:
        request = heads[index % len(heads)], encoded[index % len(encoded)]
        if idle:
            reused = idle.pop()
            try:
                return (reused, *await reused.post(*request))
            except (OSError, asyncio.IncompleteReadError):
                reused.close()  # the server closed it while idle (keep-alive timeout): retry on a new one
        connection = await Connection.open(host, int(port))
        try:
            return (connection, *await connection.post(*request))
        except BaseException:
            connection.close()
            raise

    async def send(index: int, due: float, measured: bool) -> None:
        try:
            connection, status, body, keep = await exchange(index)
            done = time.perf_counter()
            if keep:
                idle.append(connection)
            else:
                connection.close()
            key = None if status == 200 else f"HTTP {status}"
            if measured and key is None:
                server_ms.append(json.loads(body)["elapsed_ms"])
        except (OSError, asyncio.IncompleteReadError, ValueError) as exc:
            done, key = time.perf_counter(), type(exc).__name__
        if measured:
            if key:
                errors[key] = errors.get(key, 0) + 1
            else:
                latencies.append((done - due) * 1000)

    tasks = []
    total = int((warmup + duration) * rate)
    start = time.perf_counter() + 0.1
    for index in range(total):
        due = start + index / rate
        delay = due - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        tasks.append(asyncio.create_task(send(index, due, index >= warmup * rate)))
    sent_for = time.perf_counter() - start
    await asyncio.gather(*tasks)
    for connection in idle:
        connection.close()
    return {
        "requests": int(duration * rate),
        "ok": len(latencies),
        "errors": errors,
        "send_rate": round(total / sent_for, 1),
        "connections": len(idle),
        "latency_ms": {name: round(percentile(latencies, q), 2) for name, q in
                       (("p50", 0.5), ("p90", 0.9), ("p99", 0.99), ("max", 1.0))},
        "server_elapsed_ms": {name: round(percentile(server_ms, q), 2) for name, q in
                              (("p50", 0.5), ("p99", 0.99), ("max", 1.0))},
    }


def ready(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/readyz", timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


def start_server(workers: int) -> tuple[subprocess.Popen, str]:
    """Start `python -m replylint serve` on a free loopback port and wait until it is ready."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    command = [sys.executable, "-m", "replylint", "serve", "--port", str(port), "--workers", str(workers),
               "--no-access-log"]
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"latency: the server exited with {process.returncode}")
        if ready(url):
            return process, url
        time.sleep(0.2)
    process.kill()
    raise SystemExit("latency: the server was not ready within 120 s")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="A running service; by default one is started on loopback.")
    parser.add_argument("--workers", type=int, default=1, help="Workers of the started service [1].")
    parser.add_argument("--rate", type=float, default=100.0, help="Requests per second [100].")
    parser.add_argument("--duration", type=float, default=60.0, help="Seconds measured [60].")
    parser.add_argument("--warmup", type=float, default=5.0, help="Seconds sent first and not measured [5].")
    parser.add_argument("--token-file", type=Path, help="Bearer token for a service that needs one.")
    parser.add_argument("--json", type=Path, help="Also write the results to this file.")
    args = parser.parse_args(argv)

    headers = {"Authorization": f"Bearer {args.token_file.read_text().strip()}"} if args.token_file else {}
    process, url = (None, args.url) if args.url else start_server(args.workers)
    try:
        bodies = drafts()
        results = asyncio.run(run(url, bodies, args.rate, args.duration, args.warmup, headers))
    finally:
        if process is not None:
            process.terminate()
            process.wait(timeout=10)
    results = {"url": url, "rate": args.rate, "duration_s": args.duration, "workers": args.workers if not args.url
               else None, "drafts": len(bodies), **results, "machine": machine()}
    latency, server = results["latency_ms"], results["server_elapsed_ms"]
    print(f"{results['requests']} requests at {args.rate:g}/s for {args.duration:g} s "
          f"({results['drafts']} corpus drafts, sent at {results['send_rate']}/s)")
    print(f"latency ms: p50 {latency['p50']}  p90 {latency['p90']}  p99 {latency['p99']}  max {latency['max']}")
    print(f"server elapsed_ms: p50 {server['p50']}  p99 {server['p99']}  max {server['max']}")
    print(f"errors: {sum(results['errors'].values())} {results['errors'] or ''}".rstrip())
    host = results["machine"]
    print(f"machine: {host['cpus']} CPUs, {host['cpu']}, load average {host['load_average']} at the end")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 1 if results["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
