"""How the service runs: address, config, token, CORS origins and limits; from the environment, so workers agree."""

from __future__ import annotations

import ipaddress
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from ..errors import ReplylintError

# `replylint serve` writes its options into these variables before uvicorn starts the workers, which
# build their app from the same variables: a worker process gets no other arguments.
ENV_CONFIG = "REPLYLINT_CONFIG"
ENV_TOKEN = "REPLYLINT_TOKEN"
ENV_TOKEN_FILE = "REPLYLINT_TOKEN_FILE"
ENV_CORS = "REPLYLINT_CORS_ORIGINS"  # comma-separated
ENV_MAX_BODY = "REPLYLINT_MAX_BODY_BYTES"
ENV_MAX_BATCH = "REPLYLINT_MAX_BATCH"
ENV_TIMEOUT = "REPLYLINT_LINT_TIMEOUT_MS"
ENV_READ_TIMEOUT = "REPLYLINT_READ_TIMEOUT_S"

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8080
DEFAULT_MAX_BODY = 256 * 1024  # bytes: a long reply with its thread is a few KB
DEFAULT_MAX_BATCH = 100  # drafts per /v1/lint/batch call
DEFAULT_TIMEOUT_MS = 2000  # an answer after this is worse than none: the adapter's fail mode takes over
DEFAULT_READ_TIMEOUT_S = 10  # a request (headers and body) must arrive whole within this


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything the app factory needs; built from the environment in each worker."""

    config: Path | None = None  # None: the recommended pack
    token: str | None = None  # None: no auth on /v1
    cors_origins: tuple[str, ...] = ()
    max_body_bytes: int = DEFAULT_MAX_BODY
    max_batch: int = DEFAULT_MAX_BATCH
    lint_timeout_ms: int = DEFAULT_TIMEOUT_MS
    read_timeout_s: int = DEFAULT_READ_TIMEOUT_S

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        """Read the settings from environment variables (REPLYLINT_TOKEN wins over REPLYLINT_TOKEN_FILE)."""
        env = os.environ if env is None else env
        token = env.get(ENV_TOKEN) or None
        if token is None and env.get(ENV_TOKEN_FILE):
            token = read_token(Path(env[ENV_TOKEN_FILE]))
        origins = tuple(o.strip().rstrip("/") for o in env.get(ENV_CORS, "").split(",") if o.strip())
        return cls(
            config=Path(env[ENV_CONFIG]) if env.get(ENV_CONFIG) else None,
            token=token,
            cors_origins=origins,
            max_body_bytes=_positive(env, ENV_MAX_BODY, DEFAULT_MAX_BODY),
            max_batch=_positive(env, ENV_MAX_BATCH, DEFAULT_MAX_BATCH),
            lint_timeout_ms=_positive(env, ENV_TIMEOUT, DEFAULT_TIMEOUT_MS),
            read_timeout_s=_positive(env, ENV_READ_TIMEOUT, DEFAULT_READ_TIMEOUT_S),
        )


def read_token(path: Path) -> str:
    """Return the bearer token in a file (surrounding whitespace dropped); raise if it is unreadable or empty."""
    try:
        token = path.read_text(encoding="utf-8").strip()
    except OSError as exc:
        raise ReplylintError(f"cannot read the token file: {exc.strerror or exc}", path) from None
    if not token:
        raise ReplylintError("the token file is empty", path)
    return token


def is_loopback(host: str) -> bool:
    """Return whether host only accepts connections from this machine."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False  # a name other than localhost may resolve to anything


def _positive(env: Mapping[str, str], name: str, default: int) -> int:
    raw = env.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ReplylintError(f"${name} must be a whole number, not {raw!r}") from None
    if value <= 0:
        raise ReplylintError(f"${name} must be above 0, not {value}")
    return value
