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
# A longer line is shown as a window around the finding: a one-line draft of a million characters
# with 15,000 findings would otherwise print the whole line 15,000 times (30 GB).
MAX_SHOWN = 200
CONTEXT = 60  # characters shown on each side of the finding in a long line


def render(results: Sequence[Result], *, color: bool = False, rules: Sequence[Rule] = ()) -> str:
    """Render every finding with its context, then a one-line summary."""
    blocks = []
    for result in results:
        lines = result.draft.reply.split("\n") if result.report.findings and not result.origin else []
        blocks.extend(_finding(result, finding, color, lines) for finding in result.report.findings)
    return "".join(block + "\n" for block in blocks) + summary(results) + "\n"


def _finding(result: Result, finding: Finding, color: bool, reply_lines: list[str]) -> str:
    def style(text: str, **how) -> str:
        return click.style(text, **how) if color else text

    severity = style(finding.severity.label, fg=COLOURS[finding.severity], bold=True)
    rule = style(f"{finding.category}/{finding.rule_id}", dim=True)
    if finding.span is None:
        lines = [f"{result.label}: {severity} {rule}: {finding.message}"]
    else:
        line, column = result.position(finding.span.start)
        end_line, end_column = result.end_position(finding.span)
        lines = [f"{result.label}:{line}:{column}: {severity} {rule}: {finding.message}"]
        shown = result.origin.line_text(line) if result.origin else reply_lines[line - 1]
        text_line = shown.replace("\t", " ")
        last = end_column if end_line == line else len(text_line) + 1
        width = max(1, last - column)
        text_line, column, width = _window(text_line, column, width)
        gutter = " " * len(str(line))
        lines.append(f"  {line} | {text_line}")
        carets = style("^" * width, fg=COLOURS[finding.severity], bold=True)
        lines.append(f"  {gutter} | {' ' * (column - 1)}{carets}")
    if finding.suggestion:
        lines.append(f"  = {style('suggestion', bold=True)}: {finding.suggestion}")
    return "\n".join(lines) + "\n"


def _window(text_line: str, column: int, width: int) -> tuple[str, int, int]:
    """Return a long line cut to CONTEXT characters around the finding, with the column and width in it."""
    if len(text_line) <= MAX_SHOWN:
        return text_line, column, width
    width = min(width, MAX_SHOWN)
    start = max(column - 1 - CONTEXT, 0)
    end = min(column - 1 + width + CONTEXT, len(text_line))
    head = "…" if start else ""
    tail = "…" if end < len(text_line) else ""
    return head + text_line[start:end] + tail, column - start + len(head), width


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
