"""Baseline files: the fingerprints of accepted findings, so that only new ones are reported."""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Collection, Sequence
from pathlib import Path

from . import atomic
from .errors import ConfigError
from .fingerprint import fingerprints
from .model import Result

VERSION = 1
FINGERPRINT = re.compile(r"[0-9a-f]{16,64}")


def write(path: str | Path, results: Sequence[Result]) -> None:
    """Write every finding's fingerprint to path, replacing the file atomically."""
    path = Path(path)
    document = {"version": VERSION, "fingerprints": sorted(set(fingerprints(results).values()))}
    try:
        atomic.write(path, json.dumps(document, indent=2) + "\n")
    except OSError as exc:
        raise ConfigError(f"cannot write baseline: {exc.strerror or exc}", path) from None


def read(path: str | Path) -> frozenset[str]:
    """Return the fingerprints in a baseline file; a ConfigError names the file if it is unusable."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"cannot read baseline: {exc.strerror or exc}", path) from None
    except UnicodeDecodeError:
        raise ConfigError("baseline is not UTF-8 text", path) from None
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ConfigError(f"baseline is not valid JSON: {exc.msg}", path, exc.lineno) from None
    if not isinstance(document, dict) or "version" not in document:
        raise ConfigError(f'a baseline must be {{"version": {VERSION}, "fingerprints": [...]}}', path)
    version = document["version"]
    if version != VERSION or isinstance(version, bool):
        raise ConfigError(f"unsupported baseline version {version!r} (expected {VERSION})", path)
    found = document.get("fingerprints")
    if not isinstance(found, list):
        raise ConfigError("baseline 'fingerprints' must be a list", path)
    for item in found:
        if not isinstance(item, str) or not FINGERPRINT.fullmatch(item):
            raise ConfigError(f"baseline fingerprint {item!r} is not a hex fingerprint", path)
    return frozenset(found)


def new_only(results: Sequence[Result], known: Collection[str]) -> list[Result]:
    """Return the results without the findings whose fingerprints are in known; every draft stays."""
    prints = fingerprints(results)
    kept_results = []
    for r, result in enumerate(results):
        kept = tuple(finding for f, finding in enumerate(result.report.findings) if prints[r, f] not in known)
        if len(kept) != len(result.report.findings):
            result = dataclasses.replace(result, report=dataclasses.replace(result.report, findings=kept))
        kept_results.append(result)
    return kept_results
