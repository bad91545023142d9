"""Machine output, a public interface: {"version": 1, "results": [...], "summary": {...}}."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..model import Finding, Result

if TYPE_CHECKING:
    from ..rule import Rule

VERSION = 1


def finding_dict(finding: Finding, result: Result) -> dict:
    """Return the stable JSON shape of one finding."""
    data: dict = {
        "rule": finding.rule_id,
        "category": finding.category,
        "severity": finding.severity.label,
        "message": finding.message,
        "suggestion": finding.suggestion,
        "span": None,
        "line": None,
        "column": None,
        "end_line": None,
        "end_column": None,
        "text": None,
    }
    if finding.span is not None:
        start, end = finding.span.start, finding.span.end
        data["span"] = {"start": start, "end": end}
        data["line"], data["column"] = result.position(start)
        data["end_line"], data["end_column"] = result.end_position(finding.span)
        data["text"] = result.draft.reply[start:end]
    return data


def render(results: Sequence[Result], *, color: bool = False, rules: Sequence[Rule] = ()) -> str:
    """Render all results as one JSON document."""
    by_category = Counter(f.category for r in results for f in r.report.findings)
    document = {
        "version": VERSION,
        "results": [
            {
                "source": result.source,
                "id": result.draft.id,
                "findings": [finding_dict(f, result) for f in result.report.findings],
            }
            for result in results
        ],
        "summary": {
            "drafts": len(results),
            "findings": sum(by_category.values()),
            "by_category": dict(sorted(by_category.items())),
        },
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
