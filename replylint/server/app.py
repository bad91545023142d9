"""The ASGI app: routes, auth, limits and error answers over `service.Service`; no linting logic of its own."""

from __future__ import annotations

import asyncio
import hmac
import logging
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Annotated, TypeVar

import anyio
from fastapi import Depends, FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.exceptions import HTTPException

from .. import __version__
from ..config import load_config
from ..errors import InputError
from ..model import Draft
from . import hooks
from .handlers import add_error_handlers
from .limits import BodyLimit
from .models import (
    BatchRequest,
    BatchResponse,
    ErrorOut,
    LintRequest,
    LintResponse,
    RulesResponse,
    Status,
)
from .service import Job, Service, job_of
from .settings import Settings

log = logging.getLogger("replylint.server")
T = TypeVar("T")

DESCRIPTION = (
    "Lint a drafted customer-support reply before it is sent. `decision` is what a pre-send hook does "
    "(allow, warn or block), `message` is one line to show the agent. See docs/service.md."
)
ERRORS = {
    401: {"model": ErrorOut, "description": "A token is set and the request has no valid bearer token."},
    413: {"model": ErrorOut, "description": "The body is over the size limit."},
    422: {"model": ErrorOut, "description": "Malformed JSON, a wrong or missing field, or an empty reply."},
    503: {"model": ErrorOut, "description": "Rules still loading, or linting ran past its time limit."},
}


# Module-level: FastAPI resolves the string annotations of route functions in their module's globals.
BEARER = HTTPBearer(auto_error=False, description="Required when the service runs with a token.")
Credentials = Annotated[HTTPAuthorizationCredentials | None, Depends(BEARER)]


class Worker:
    """This worker's Service once loaded, and one lint at a time through it (see `run`)."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self.service: Service | None = None
        self.error: str | None = None
        # Linting holds the GIL: a second thread in the same process adds waiting, not throughput.
        # Workers (processes) are how the service scales.
        self.limiter = anyio.CapacityLimiter(1)

    def load(self) -> None:
        """Load the config, rules and pipeline, and lint a draft twice, so that no request is a slow one:
        the first run warms the pipeline, the second works out the rule regexes' prefilters (0.3 s)."""
        try:
            service = Service(load_config(self.settings.config))
            warm_up = Job(Draft("Thanks for your message about the parcel.", "My parcel never arrived."))
            service.run([warm_up])
            service.run([warm_up])
        except Exception as exc:  # reported by /readyz and every /v1 call
            self.error = str(exc)
            log.exception("replylint: could not load the rules")
            return
        self.service = service
        log.info("replylint: %d rules loaded", len(service.config.rules))

    async def run(self, work: Callable[[Service], T]) -> T:
        """Run work(service) in a thread, within the time limit; 503 when not loaded or too slow."""
        service = self.ready()
        seconds = self.settings.lint_timeout_ms / 1000
        try:
            with anyio.fail_after(seconds):
                return await anyio.to_thread.run_sync(work, service, limiter=self.limiter, abandon_on_cancel=True)
        except TimeoutError:
            raise HTTPException(503, f"linting took longer than {self.settings.lint_timeout_ms} ms") from None
        except InputError as exc:
            raise HTTPException(422, exc.message) from None
        except Exception:
            log.exception("replylint: linting failed")
            raise HTTPException(500, "internal error while linting; the service log has the details") from None

    def ready(self) -> Service:
        if self.service is not None:
            return self.service
        raise HTTPException(503, f"rules failed to load: {self.error}" if self.error else "rules are still loading")


def create_app(settings: Settings | None = None) -> FastAPI:
    """Return the app; the rules load in the background at startup, and /readyz says when they have."""
    settings = settings if settings is not None else Settings.from_env()
    worker = Worker(settings)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        # In the background, so /healthz answers while spaCy and the rules load.
        loading = asyncio.ensure_future(anyio.to_thread.run_sync(worker.load))
        yield
        if not loading.done():
            loading.cancel()

    app = FastAPI(title="replylint", version=__version__, description=DESCRIPTION, lifespan=lifespan)
    app.state.worker = worker
    app.add_middleware(BodyLimit, max_bytes=settings.max_body_bytes)
    if settings.cors_origins:
        # Outermost, so that errors (401, 413) carry CORS headers too and the helpdesk app can read them.
        app.add_middleware(
            CORSMiddleware,
            allow_origins=list(settings.cors_origins),
            allow_methods=["GET", "POST"],
            allow_headers=["Authorization", "Content-Type"],
            max_age=600,
        )
    add_error_handlers(app)
    _add_routes(app, worker, _auth(settings.token))
    return app


def _auth(token: str | None) -> Callable:
    def authorize(credentials: Credentials) -> None:
        if token is None:
            return
        given = credentials.credentials if credentials else ""
        if not hmac.compare_digest(given.encode(), token.encode()):
            raise HTTPException(401, "missing or wrong bearer token", headers={"WWW-Authenticate": "Bearer"})

    return authorize


def _add_routes(app: FastAPI, worker: Worker, authorize: Callable) -> None:
    v1 = {"dependencies": [Depends(authorize)], "responses": ERRORS}

    @app.post("/v1/lint", response_model=LintResponse, tags=["lint"], **v1)
    async def lint(body: LintRequest) -> dict:
        """Lint one draft."""
        return await _timed(worker, [job_of(body)])

    @app.post("/v1/lint/batch", response_model=BatchResponse, tags=["lint"], **v1)
    async def lint_batch(body: BatchRequest) -> dict:
        """Lint several drafts in one call; results are in the order of `drafts`."""
        if len(body.drafts) > worker.settings.max_batch:
            raise InputError(f"drafts: {len(body.drafts)} drafts; the limit is {worker.settings.max_batch}")
        jobs = [job_of(draft, f"drafts[{index}]: ") for index, draft in enumerate(body.drafts)]
        started = time.perf_counter()
        results = await worker.run(lambda service: service.run(jobs))
        return {"results": results, "elapsed_ms": _ms(started)}

    @app.post("/v1/hooks/zendesk", response_model=LintResponse, tags=["hooks"], **v1)
    async def zendesk(body: hooks.ZendeskHook) -> dict:
        """The ticket.save hook of examples/zendesk: the draft comment, requester and customer messages."""
        return await _timed(worker, [hooks.zendesk_job(body)])

    @app.post("/v1/hooks/freshdesk", response_model=LintResponse, tags=["hooks"], **v1)
    async def freshdesk(body: hooks.FreshdeskHook) -> dict:
        """The ticket.sendReply intercept of examples/freshdesk: the reply, ticket and contact."""
        return await _timed(worker, [hooks.freshdesk_job(body)])

    @app.get("/v1/rules", response_model=RulesResponse, tags=["rules"], **v1)
    async def rules() -> dict:
        """The rules this service runs."""
        service = worker.ready()
        return {"rules": [
            {"id": r.id, "category": r.category, "severity": r.severity.label, "description": r.description}
            for r in service.config.rules
        ]}

    @app.get("/healthz", response_model=Status, response_model_exclude_none=True, tags=["health"])
    async def healthz() -> dict:
        """The process answers (rules may still be loading)."""
        return {"status": "ok"}

    @app.get("/readyz", response_model=Status, tags=["health"], responses={503: {"model": Status}})
    async def readyz() -> JSONResponse:
        """The rules and pipeline are loaded: 200, or 503 while loading or when loading failed."""
        if worker.service is not None:
            return JSONResponse({"status": "ready", "rules": len(worker.service.config.rules)})
        status = "failed" if worker.error else "loading"
        return JSONResponse({"status": status, "error": worker.error}, status_code=503)


async def _timed(worker: Worker, jobs: list[Job]) -> dict:
    started = time.perf_counter()
    (result,) = await worker.run(lambda service: service.run(jobs))
    return {**result, "elapsed_ms": _ms(started)}


def _ms(started: float) -> float:
    return round((time.perf_counter() - started) * 1000, 3)
