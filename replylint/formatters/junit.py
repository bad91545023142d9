"""JUnit XML for CI test reports: a failing testcase per finding, a passing one per clean draft."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..model import Finding, Result

if TYPE_CHECKING:
    from ..rule import Rule

# Characters XML 1.0 cannot hold at all, not even escaped.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def render(results: Sequence[Result], *, color: bool = False, rules: Sequence[Rule] = ()) -> str:
    """Render all results as one <testsuite name="replylint">."""
    failures = sum(len(result.report.findings) for result in results)
    tests = sum(max(1, len(result.report.findings)) for result in results)
    counts = {"tests": str(tests), "failures": str(failures), "errors": "0"}
    suite = ET.Element("testsuite", {"name": "replylint", **counts})
    for result in results:
        label = _clean(result.label)
        if not result.report.findings:
            ET.SubElement(suite, "testcase", {"classname": label, "name": "replylint"})
        for finding in result.report.findings:
            where = _where(result, finding)
            name = f"{finding.rule_id}@{where[0]}"
            case = ET.SubElement(suite, "testcase", {"classname": label, "name": name})
            details = {"type": finding.severity.label, "message": _clean(finding.message)}
            failure = ET.SubElement(case, "failure", details)
            failure.text = _clean(_body(result, finding, where))
    ET.indent(suite)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suite, encoding="unicode") + "\n"


def _where(result: Result, finding: Finding) -> tuple[int, int | None]:
    """Return the line and column of a finding; no column when it is about the whole reply."""
    if finding.span is None:
        return result.position(0)[0], None
    return result.position(finding.span.start)


def _body(result: Result, finding: Finding, where: tuple[int, int | None]) -> str:
    line, column = where
    position = f"{result.label}:{line}" if column is None else f"{result.label}:{line}:{column}"
    lines = [f"{position}: {finding.severity.label} {finding.category}/{finding.rule_id}", finding.message]
    if finding.suggestion:
        lines.append(f"Suggestion: {finding.suggestion}")
    return "\n".join(lines)


def _clean(text: str) -> str:
    return NOT_XML.sub("\ufffd", text)
