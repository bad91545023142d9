"""Human output: `path:line:col: severity category/rule: message`, the line underlined, the fix."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING

import click

from ..model import Finding, Result, Severity

if TYPE_CHECKING:
    from ..rule import Rule

COLOURS = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "blue"}


def render(results: Sequence[Result], *, color: bool = False, rules: Sequence[Rule] = ()) -> str:
    """Render every finding with its context, then a one-line summary."""
    blocks = [_finding(result, finding, color) for result in results for finding in result.report.findings]
    return "".join(block + "\n" for block in blocks) + summary(results) + "\n"


def _finding(result: Result, finding: Finding, color: bool) -> str:
    def style(text: str, **how) -> str:
        return click.style(text, **how) if color else text

    reply = result.draft.reply
    severity = style(finding.severity.label, fg=COLOURS[finding.severity], bold=True)
    rule = style(f"{finding.category}/{finding.rule_id}", dim=True)
    if finding.span is None:
        lines = [f"{result.label}: {severity} {rule}: {finding.message}"]
    else:
        line, column = result.position(finding.span.start)
        end_line, end_column = result.end_position(finding.span)
        lines = [f"{result.label}:{line}:{column}: {severity} {rule}: {finding.message}"]
        shown = result.origin.line_text(line) if result.origin else reply.split("\n")[line - 1]
        text_line = shown.replace("\t", " ")
        last = end_column if end_line == line else len(text_line) + 1
        width = max(1, last - column)
        gutter = " " * len(str(line))
        lines.append(f"  {line} | {text_line}")
        carets = style("^" * width, fg=COLOURS[finding.severity], bold=True)
        lines.append(f"  {gutter} | {' ' * (column - 1)}{carets}")
    if finding.suggestion:
        lines.append(f"  = {style('suggestion', bold=True)}: {finding.suggestion}")
    return "\n".join(lines) + "\n"


def summary(results: Sequence[Result]) -> str:
    """Return one line: how many problems of each severity in how many drafts."""
    drafts = len(results)
    counts = Counter(f.severity for r in results for f in r.report.findings)
    total = sum(counts.values())
    noun = "draft" if drafts == 1 else "drafts"
    if not total:
        return f"No problems in {drafts} {noun}."
    parts = [f"{counts[s]} {s.label}{'s' if counts[s] != 1 and s != Severity.INFO else ''}" for s in reversed(Severity) if counts[s]]
    flagged = sum(1 for r in results if r.report.findings)
    problems = "problem" if total == 1 else "problems"
    return f"{total} {problems} ({', '.join(parts)}) in {flagged} of {drafts} {noun}."
