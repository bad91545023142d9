"""User-facing errors: each names the file and line it is about."""

from __future__ import annotations

from pathlib import Path


class ReplylintError(Exception):
    """An error the user can fix: reported as `path:line: message`, exit status 2."""

    def __init__(self, message: str, path: str | Path | None = None, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line

    def __str__(self) -> str:
        where = [part for part in (self.path, self.line) if part is not None]
        prefix = ":".join(str(part) for part in where)
        return f"{prefix}: {self.message}" if prefix else self.message


class RuleError(ReplylintError):
    """A rule file is invalid."""


class ConfigError(ReplylintError):
    """A configuration file or option is invalid."""


class InputError(ReplylintError):
    """A draft cannot be read."""
