"""Real servers for the HTTP tests: `python -m replylint serve` on a free loopback port, one per configuration."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("uvicorn")
import httpx

ROOT = Path(__file__).parent.parent.parent
TOKEN = "s3cret-token-for-tests"
ORIGIN = "https://acme.zendesk.com"
MAX_BODY = 64 * 1024
READ_TIMEOUT = 2  # seconds: server's, so that a test can wait it out
READY_SECONDS = 90  # spaCy and the rules load in a few seconds; CI machines can be slow


class Server:
    """A running service and a client for it."""

    token = TOKEN  # what token_server expects
    origin = ORIGIN  # the CORS origin server allows
    max_body = MAX_BODY  # server's body limit
    read_timeout = READ_TIMEOUT  # server's deadline for reading a request

    def __init__(self, url: str, process: subprocess.Popen, log: Path):
        self.url = url
        self.process = process
        self.log = log
        self.client = httpx.Client(base_url=url, timeout=20)

    def get(self, path: str, **kwargs) -> httpx.Response:
        return self.client.get(path, **kwargs)

    def post(self, path: str, **kwargs) -> httpx.Response:
        return self.client.post(path, **kwargs)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start(folder: Path, args: list[str], env: dict[str, str] | None = None) -> Server:
    """Start a server in folder (no .replylint.yaml above it) and wait until /readyz says ready."""
    port = free_port()
    log = folder / "server.log"
    environment = {key: value for key, value in os.environ.items() if not key.startswith("REPLYLINT_")}
    environment["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
    environment.update(env or {})
    command = [sys.executable, "-m", "replylint", "serve", "--port", str(port), "--no-access-log", *args]
    with log.open("wb") as output:
        process = subprocess.Popen(command, cwd=folder, env=environment, stdout=output, stderr=subprocess.STDOUT)
    server = Server(f"http://127.0.0.1:{port}", process, log)
    deadline = time.monotonic() + READY_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited with {process.returncode}:\n{log.read_text()}")
        try:
            if server.get("/readyz", timeout=2).status_code == 200:
                return server
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    stop(server)
    raise RuntimeError(f"the server was not ready within {READY_SECONDS} s:\n{log.read_text()}")


def stop(server: Server) -> None:
    server.client.close()
    server.process.terminate()
    try:
        server.process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.process.kill()
        server.process.wait()


@pytest.fixture(scope="session")
def server(tmp_path_factory) -> Iterator[Server]:
    """No token, the recommended pack, CORS for one helpdesk origin, a 64 KiB body limit, 2 s to read a request."""
    folder = tmp_path_factory.mktemp("open-server")
    environment = {"REPLYLINT_READ_TIMEOUT_S": str(READ_TIMEOUT)}
    running = start(folder, ["--cors-origin", ORIGIN, "--max-body-bytes", str(MAX_BODY)], environment)
    yield running
    stop(running)


@pytest.fixture(scope="session")
def token_server(tmp_path_factory) -> Iterator[Server]:
    """A bearer token from --token-file, and a config that blocks on warnings."""
    folder = tmp_path_factory.mktemp("token-server")
    (folder / "token.txt").write_text(TOKEN + "\n", encoding="utf-8")
    (folder / ".replylint.yaml").write_text("decision:\n  block: warning\n  warn: info\n", encoding="utf-8")
    running = start(folder, ["--token-file", "token.txt", "--config", ".replylint.yaml"])
    yield running
    stop(running)
