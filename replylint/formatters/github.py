"""GitHub Actions workflow commands: one annotation per finding, on the file and line it is about."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..fingerprint import source_path
from ..model import Finding, Result, Severity

if TYPE_CHECKING:
    from ..rule import Rule

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
SHOWN = 10  # GitHub shows at most this many annotations of each level per step


def render(results: Sequence[Result], *, color: bool = False, rules: Sequence[Rule] = ()) -> str:
    """Render one workflow command per finding, then a summary line if GitHub will hide some."""
    lines = [_command(result, finding) for result in results for finding in result.report.findings]
    counts = Counter(f.severity for result in results for f in result.report.findings)
    if any(count > SHOWN for count in counts.values()):
        lines.append(_summary(results, counts))
    return "".join(line + "\n" for line in lines)


def _command(result: Result, finding: Finding) -> str:
    properties: dict[str, object] = {"file": source_path(result.source)}
    if finding.span is None:
        properties["line"] = result.position(0)[0]
    else:
        line, column = result.position(finding.span.start)
        end_line, end_column = result.end_position(finding.span)
        properties["line"] = line
        if end_line == line:
            # GitHub accepts columns only for an annotation on a single line.
            properties |= {"col": column, "endLine": end_line, "endColumn": end_column}
        else:
            properties["endLine"] = end_line
    properties["title"] = f"replylint {finding.category}/{finding.rule_id}"
    message = finding.message
    if finding.suggestion:
        message += f"\nSuggestion: {finding.suggestion}"
    listed = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties.items())
    return f"::{COMMANDS[finding.severity]} {listed}::{escape_data(message)}"


def _summary(results: Sequence[Result], counts: Counter[Severity]) -> str:
    total = sum(counts.values())
    parts = []
    for severity in reversed(Severity):
        if counts[severity]:
            plural = "s" if counts[severity] != 1 and severity != Severity.INFO else ""
            parts.append(f"{counts[severity]} {severity.label}{plural}")
    files = len({result.source for result in results if result.report.findings})
    return (
        f"replylint: {total} findings ({', '.join(parts)}) in {files} file{'s' if files != 1 else ''}; "
        f"GitHub shows the first {SHOWN} of each level, see the full report with --format text"
    )


def escape_data(text: str) -> str:
    """Escape a command's message as the Actions runner reads it back."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a command property value: as data, plus the ':' and ',' that delimit properties."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")
