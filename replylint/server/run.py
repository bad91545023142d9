"""`replylint serve`: check the options once, hand them to the workers through the environment, start uvicorn."""

from __future__ import annotations

import asyncio
import copy
import functools
import os
import socket
import sys
from collections.abc import Sequence
from pathlib import Path

import uvicorn
from uvicorn.config import LOGGING_CONFIG
from uvicorn.protocols.http.auto import AutoHTTPProtocol

from ..config import find_config, load_config
from . import settings as env
from .settings import Settings, is_loopback, read_token

APP = "replylint.server.app:create_app"  # an import string, so that --workers can start processes


_TIMED_OUT = b"HTTP/1.1 408 Request Timeout\r\ncontent-length: 0\r\nconnection: close\r\n\r\n"


class ServiceProtocol(AutoHTTPProtocol):  # type: ignore[misc, valid-type]
    """uvicorn's HTTP protocol with Nagle's algorithm off and a deadline for reading each request.

    With --workers, uvicorn binds the socket itself with protocol number 0, and asyncio then skips
    TCP_NODELAY on accepted connections: a response written as headers plus body waits for the
    client's delayed ACK, 40 ms on Linux. One worker is not affected; setting it always is harmless.

    uvicorn times out idle connections between requests only: a client that opens a connection, or
    starts a request, and then stops sending would hold it forever (and with it a worker's memory).
    A request must arrive whole within $REPLYLINT_READ_TIMEOUT_S (10) of the connection opening or
    of the previous response.
    """

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        sock = transport.get_extra_info("socket")
        if sock is not None and sock.family in (socket.AF_INET, socket.AF_INET6):
            try:
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            except OSError:
                pass  # not a TCP socket after all: nothing to tune
        super().connection_made(transport)
        self._read_deadline: asyncio.TimerHandle | None = None
        self._track()

    def data_received(self, data: bytes) -> None:
        super().data_received(data)
        self._track()

    def on_response_complete(self) -> None:
        super().on_response_complete()  # may start on a pipelined request
        self._track()

    def connection_lost(self, exc: Exception | None) -> None:
        if self._read_deadline is not None:
            self._read_deadline.cancel()
        super().connection_lost(exc)

    def _track(self) -> None:
        """Run the deadline while a request is awaited or partly read; stop it once the app has it whole."""
        cycle = self.cycle
        reading = cycle is None or cycle.response_complete or cycle.more_body
        if reading and self._read_deadline is None:
            self._read_deadline = self.loop.call_later(_read_timeout(), self._timed_out)
        elif not reading and self._read_deadline is not None:
            self._read_deadline.cancel()
            self._read_deadline = None

    def _timed_out(self) -> None:
        if self.transport.is_closing():
            return
        if self.cycle is None or self.cycle.response_complete:  # no request begun for the app: say why
            self.transport.write(_TIMED_OUT)
        self.transport.close()


@functools.cache
def _read_timeout() -> int:
    return Settings.from_env().read_timeout_s  # checked by serve() before any worker started


def serve(
    host: str = env.DEFAULT_HOST,
    port: int = env.DEFAULT_PORT,
    workers: int = 1,
    config: Path | None = None,
    token_file: Path | None = None,
    cors_origins: Sequence[str] = (),
    max_body_bytes: int | None = None,
    access_log: bool = True,
) -> None:
    """Run the service until interrupted; a bad config or token file stops it before it binds."""
    config = config or find_config(Path.cwd())
    load_config(config)  # a config error is reported here, once, with its file and line
    values: dict[str, str] = {}
    if config is not None:
        values[env.ENV_CONFIG] = str(config.resolve())
    if token_file is not None:
        read_token(token_file)
        values[env.ENV_TOKEN_FILE] = str(token_file.resolve())
        os.environ.pop(env.ENV_TOKEN, None)  # the explicit option wins over an inherited variable
    if cors_origins:
        values[env.ENV_CORS] = ",".join(cors_origins)
    if max_body_bytes is not None:
        values[env.ENV_MAX_BODY] = str(max_body_bytes)
    os.environ.update(values)
    settings = Settings.from_env()  # the same reading every worker does: bad values fail here
    if settings.token is None and not is_loopback(host):
        print(f"replylint: warning: serving on {host} with no token: anyone who can reach this port can "
              "use the service (set $REPLYLINT_TOKEN or --token-file)", file=sys.stderr)
    uvicorn.run(APP, factory=True, host=host, port=port, workers=workers, access_log=access_log,
                log_level="info", log_config=log_config(), http=ServiceProtocol)


def log_config() -> dict:
    """Return uvicorn's logging config plus the service's own logger (rules loaded, rules skipped, bugs)."""
    config = copy.deepcopy(LOGGING_CONFIG)
    config["loggers"]["replylint"] = {"handlers": ["default"], "level": "INFO", "propagate": False}
    return config
