"""`replylint serve`: options checked before binding, uvicorn started with them, a clear exit without the extra."""

from __future__ import annotations

import os
import socket
import sys

import pytest
from click.testing import CliRunner

pytest.importorskip("fastapi")
from replylint.cli import main
from replylint.server import (
    run,  # after the skip
    settings,
)


@pytest.fixture
def started(monkeypatch):
    """Record what uvicorn.run would be called with, instead of serving."""
    calls = []
    monkeypatch.setattr(run.uvicorn, "run", lambda *args, **kwargs: calls.append((args, kwargs)))
    # `serve` writes the workers' settings into os.environ: give it a copy, so nothing leaks into other tests.
    clean = {key: value for key, value in os.environ.items() if not key.startswith("REPLYLINT_")}
    monkeypatch.setattr(os, "environ", clean)
    return calls


def serve(*args):
    return CliRunner().invoke(main, ["serve", *args])


def test_options_reach_uvicorn_and_the_workers(started, tmp_path, monkeypatch):
    """Host, port and workers go to uvicorn with the factory import string; the rest through the environment."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "token").write_text("abc\n")
    result = serve("--port", "9099", "--workers", "3", "--token-file", "token", "--cors-origin", "https://a.example",
                   "--max-body-bytes", "1000")
    assert result.exit_code == 0, result.output
    (args, kwargs), = started
    assert args == ("replylint.server.app:create_app",)
    assert (kwargs["factory"], kwargs["host"], kwargs["port"], kwargs["workers"]) == (True, "127.0.0.1", 9099, 3)
    assert kwargs["http"] is run.ServiceProtocol
    worker = settings.Settings.from_env()
    assert (worker.token, worker.cors_origins, worker.max_body_bytes) == ("abc", ("https://a.example",), 1000)
    assert "warning" not in result.stderr


def test_public_host_without_token_warns(started):
    """Binding beyond loopback with no token still starts, with a warning on stderr."""
    result = serve("--host", "0.0.0.0")
    assert result.exit_code == 0
    assert "warning: serving on 0.0.0.0 with no token" in result.stderr


def test_bad_config_stops_before_binding(started, tmp_path):
    """A config error is reported once with file and line, exit 2, and uvicorn never starts."""
    config = tmp_path / "bad.yaml"
    config.write_text("decision:\n  block: sometimes\n")
    result = serve("--config", str(config))
    assert result.exit_code == 2 and f"{config}:2: unknown severity 'sometimes'" in result.stderr
    assert started == []


def test_empty_token_file_is_refused(started, tmp_path):
    """An empty token file would mean no auth: it is an error instead."""
    (tmp_path / "token").write_text("\n")
    result = serve("--token-file", str(tmp_path / "token"))
    assert result.exit_code == 2 and "the token file is empty" in result.stderr
    assert started == []


def test_missing_server_extra_is_a_clear_error(monkeypatch):
    """Without fastapi or uvicorn installed, `serve` exits 2 and says to install replylint[server]."""
    monkeypatch.delitem(sys.modules, "replylint.server.run", raising=False)
    monkeypatch.setitem(sys.modules, "uvicorn", None)
    result = serve()
    assert result.exit_code == 2
    assert "install replylint[server]" in result.stderr and "uvicorn" in result.stderr


def test_connections_get_tcp_nodelay(monkeypatch):
    """The protocol turns Nagle off on sockets bound as uvicorn's --workers binds them (protocol 0)."""
    monkeypatch.setattr(run.AutoHTTPProtocol, "connection_made", lambda self, transport: None)
    monkeypatch.setattr(run.ServiceProtocol, "_track", lambda self: None)
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        with socket.create_connection(listener.getsockname()) as _, listener.accept()[0] as accepted:
            assert accepted.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) == 0
            transport = type("Transport", (), {"get_extra_info": lambda self, name: accepted})()
            run.ServiceProtocol.__new__(run.ServiceProtocol).connection_made(transport)
            assert accepted.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) == 1
