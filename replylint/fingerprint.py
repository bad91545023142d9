"""Stable finding ids for baselines and code-scanning tools: what was found where, never on which line."""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Sequence

from .model import Finding, Result

VERSION = "v1"  # part of every hash: change it, and every fingerprint changes with it
LENGTH = 32  # hex characters kept of the sha256 digest


def fingerprint(result: Result, finding: Finding) -> str:
    """Return the fingerprint of one finding of `result`, counting only the findings of that result."""
    findings = result.report.findings
    # The same object first: equal findings (same rule and span twice) are still counted apart.
    index = next((i for i, other in enumerate(findings) if other is finding), None)
    if index is None:
        index = next((i for i, other in enumerate(findings) if other == finding), None)
    if index is None:
        raise ValueError(f"finding {finding.rule_id!r} is not in the report of {result.source}")
    key = _key(result, finding)
    occurrence = sum(1 for other in findings[:index] if _key(result, other) == key)
    return _digest(key, occurrence)


def fingerprints(results: Sequence[Result]) -> dict[tuple[int, int], str]:
    """Return every finding's fingerprint keyed by (result index, finding index).

    Occurrences are counted across results that share a source and draft id (cases without ids in
    one JSON Lines file), so that no two findings of a run share a fingerprint.
    """
    counts: Counter[tuple[str, ...]] = Counter()
    found: dict[tuple[int, int], str] = {}
    for r, result in enumerate(results):
        for f, finding in enumerate(result.report.findings):
            key = _key(result, finding)
            found[r, f] = _digest(key, counts[key])
            counts[key] += 1
    return found


def source_path(source: str) -> str:
    """Return a source path with "/" separators and no leading "./", as output formats name files."""
    path = source.replace("\\", "/")
    while path.startswith("./"):
        path = path[2:]
    return path


def _key(result: Result, finding: Finding) -> tuple[str, ...]:
    text = ""
    if finding.span is not None:
        text = " ".join(result.draft.reply[finding.span.start:finding.span.end].split()).lower()
    draft_id = result.draft.id if result.draft.id is not None else ""
    return (source_path(result.source), draft_id, finding.rule_id, text)


def _digest(key: tuple[str, ...], occurrence: int) -> str:
    # JSON keeps the fields apart whatever characters they hold.
    payload = json.dumps([VERSION, *key, occurrence], ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:LENGTH]

