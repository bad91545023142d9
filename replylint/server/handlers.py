"""Every error answer is JSON `{"error": "one line", ...}`; a traceback never leaves the server."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from ..errors import InputError

log = logging.getLogger("replylint.server")
SHOWN = 3  # validation errors spelled out in the one-line message; all are in `detail`


def add_error_handlers(app: FastAPI) -> None:
    """Install the JSON error answers on app."""
    app.add_exception_handler(HTTPException, _http)
    app.add_exception_handler(RequestValidationError, _invalid)
    app.add_exception_handler(InputError, _input)
    app.add_exception_handler(Exception, _internal)


async def _http(request: Request, exc: HTTPException) -> JSONResponse:
    return JSONResponse({"error": str(exc.detail)}, status_code=exc.status_code, headers=exc.headers)


async def _input(request: Request, exc: InputError) -> JSONResponse:
    return JSONResponse({"error": exc.message}, status_code=422)


async def _invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
    detail = [_plain(error) for error in exc.errors()]
    lines = [f"{item['field']}: {item['message']}" for item in detail[:SHOWN]]
    if len(detail) > SHOWN:
        lines.append(f"and {len(detail) - SHOWN} more")
    return JSONResponse({"error": "; ".join(lines), "detail": detail}, status_code=422)


async def _internal(request: Request, exc: Exception) -> JSONResponse:
    log.error("replylint: internal error on %s %s", request.method, request.url.path, exc_info=exc)
    return JSONResponse({"error": "internal error; the service log has the details"}, status_code=500)


def _plain(error: dict) -> dict:
    """Return one pydantic error as {field, message, type}: no echo of the input, which may be a whole reply."""
    location = error.get("loc", ())
    if error.get("type") == "json_invalid":
        reason = (error.get("ctx") or {}).get("error", "")
        at = location[1] if len(location) > 1 else "?"
        return {"field": "body", "message": f"invalid JSON at character {at}: {reason}".rstrip(": "),
                "type": "json_invalid"}
    return {"field": _path(location), "message": error.get("msg", "invalid"), "type": error.get("type", "")}


def _path(location: tuple) -> str:
    """("body", "drafts", 0, "reply") -> "body.drafts[0].reply"."""
    path = ""
    for part in location:
        path += f"[{part}]" if isinstance(part, int) else f".{part}" if path else str(part)
    return path or "body"
