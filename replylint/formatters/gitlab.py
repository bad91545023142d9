"""GitLab Code Quality report: a JSON list with one issue per finding, for the merge request widget."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..fingerprint import fingerprints, source_path
from ..model import Finding, Result, Severity

if TYPE_CHECKING:
    from ..rule import Rule

SEVERITIES = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}


def render(results: Sequence[Result], *, color: bool = False, rules: Sequence[Rule] = ()) -> str:
    """Render all findings as one Code Quality JSON array."""
    prints = fingerprints(results)
    issues = []
    for r, result in enumerate(results):
        for f, finding in enumerate(result.report.findings):
            issues.append(_issue(result, finding, prints[r, f]))
    return json.dumps(issues, ensure_ascii=False, indent=2) + "\n"


def _issue(result: Result, finding: Finding, fingerprint: str) -> dict:
    description = f"{finding.category}/{finding.rule_id}: {finding.message}"
    if finding.suggestion:
        description += f" Suggestion: {finding.suggestion}"
    line = result.position(finding.span.start if finding.span else 0)[0]
    return {
        "type": "issue",
        "description": description,
        "check_name": finding.rule_id,
        "fingerprint": fingerprint,
        "severity": SEVERITIES[finding.severity],
        "location": {"path": source_path(result.source), "lines": {"begin": line}},
    }
