"""Error answers in process: not ready, too slow and internal errors are one-line JSON, never a traceback."""

from __future__ import annotations

import asyncio
import logging
import time

import pytest

pytest.importorskip("fastapi")
import httpx  # after the skip

from replylint.errors import InputError
from replylint.server.app import create_app
from replylint.server.settings import Settings


class Broken:
    """Stands in for a loaded Service whose linting fails in a given way."""

    def __init__(self, failure):
        self.failure = failure

    def run(self, jobs):
        return self.failure()


class Client:
    """Calls an app in process, without its lifespan: the rules are never loaded, `service` stands in."""

    def __init__(self, service=None, **settings):
        self.app = create_app(Settings(**settings))
        self.app.state.worker.service = service

    def call(self, method: str, path: str, **kwargs) -> httpx.Response:
        async def send() -> httpx.Response:
            transport = httpx.ASGITransport(app=self.app, raise_app_exceptions=False)
            async with httpx.AsyncClient(transport=transport, base_url="http://service") as client:
                return await client.request(method, path, **kwargs)

        return asyncio.run(send())

    def get(self, path: str) -> httpx.Response:
        return self.call("GET", path)

    def post(self, path: str, **kwargs) -> httpx.Response:
        return self.call("POST", path, **kwargs)



def test_not_ready_is_503():
    """Before the rules load, /v1 calls and /readyz answer 503 and say so."""
    fresh = Client()
    response = fresh.post("/v1/lint", json={"reply": "Thanks!"})
    assert response.status_code == 503 and response.json() == {"error": "rules are still loading"}
    assert fresh.get("/readyz").status_code == 503 and fresh.get("/readyz").json()["status"] == "loading"
    assert fresh.get("/healthz").status_code == 200


def test_failed_load_is_reported():
    """When loading failed, /readyz and /v1 say why."""
    failed = Client()
    failed.app.state.worker.error = "/srv/.replylint.yaml:3: unknown key 'rule'"
    assert failed.get("/readyz").json() == {"status": "failed", "error": "/srv/.replylint.yaml:3: unknown key 'rule'"}
    assert "unknown key 'rule'" in failed.post("/v1/lint", json={"reply": "Thanks!"}).json()["error"]


def test_slow_lint_is_503_within_the_time_limit():
    """Linting past lint_timeout_ms answers 503 at the limit instead of holding the Send button."""
    slow = Client(Broken(lambda: time.sleep(2) or []), lint_timeout_ms=100)
    started = time.monotonic()
    response = slow.post("/v1/lint", json={"reply": "Thanks!"})
    assert response.status_code == 503 and "100 ms" in response.json()["error"]
    assert time.monotonic() - started < 1.5


def test_internal_error_is_logged_not_sent(caplog):
    """An exception while linting is a 500 with one line; the traceback goes to the log only."""

    def explode():
        raise RuntimeError("secret internals")

    with caplog.at_level(logging.ERROR, logger="replylint.server"):
        response = Client(Broken(explode)).post("/v1/lint", json={"reply": "Thanks!"})
    assert response.status_code == 500
    assert response.json() == {"error": "internal error while linting; the service log has the details"}
    assert "secret internals" not in response.text
    assert "secret internals" in caplog.text and "Traceback" in caplog.text


def test_input_error_while_linting_is_422():
    """An InputError raised by the service is the caller's mistake: 422 with its message."""

    def refuse():
        raise InputError("disable: no such rule or category: nope")

    response = Client(Broken(refuse)).post("/v1/lint", json={"reply": "Thanks!"})
    assert (response.status_code, response.json()) == (422, {"error": "disable: no such rule or category: nope"})
