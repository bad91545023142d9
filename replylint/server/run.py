"""`replylint serve`: check the options once, hand them to the workers through the environment, start uvicorn."""

from __future__ import annotations

import asyncio
import copy
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


class NoDelayProtocol(AutoHTTPProtocol):  # type: ignore[misc, valid-type]
    """uvicorn's HTTP protocol with Nagle's algorithm off on every connection.

    With --workers, uvicorn binds the socket itself with protocol number 0, and asyncio then skips
    TCP_NODELAY on accepted connections: a response written as headers plus body waits for the
    client's delayed ACK, 40 ms on Linux. One worker is not affected; setting it always is harmless.
    """

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        sock = transport.get_extra_info("socket")
        if sock is not None and sock.family in (socket.AF_INET, socket.AF_INET6):
            try:
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            except OSError:
                pass  # not a TCP socket after all: nothing to tune
        super().connection_made(transport)


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
                log_level="info", log_config=log_config(), http=NoDelayProtocol)


def log_config() -> dict:
    """Return uvicorn's logging config plus the service's own logger (rules loaded, rules skipped, bugs)."""
    config = copy.deepcopy(LOGGING_CONFIG)
    config["loggers"]["replylint"] = {"handlers": ["default"], "level": "INFO", "propagate": False}
    return config
