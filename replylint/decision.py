"""What a pre-send hook does with a Report: allow, warn or block, one line to show, and a score per category."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from .model import CATEGORIES, Finding, Report, Severity

DECISIONS = ("allow", "warn", "block")
MESSAGE_LIMIT = 120  # characters: what a helpdesk toast shows without cutting
QUOTE_LIMIT = 30  # characters of the offending text quoted per finding
# How much one finding of a severity says that its category is wrong with the reply (see scores()).
WEIGHTS: Mapping[Severity, float] = {Severity.INFO: 0.2, Severity.WARNING: 0.5, Severity.ERROR: 0.9}


@dataclass(frozen=True, slots=True)
class Thresholds:
    """The lowest severity that blocks the send and the lowest that warns; None: never."""

    block: Severity | None = Severity.ERROR
    warn: Severity | None = Severity.WARNING


@dataclass(frozen=True, slots=True)
class Verdict:
    """The hook's answer for one draft."""

    decision: str  # one of DECISIONS
    message: str  # one short line for a toast
    scores: Mapping[str, float] = field(default_factory=dict)  # every category -> 0..1


def decide(report: Report, thresholds: Thresholds = Thresholds()) -> str:
    """Return "block" if a finding reaches the block level, "warn" if one reaches the warn level, else "allow"."""
    worst = report.max_severity
    if worst is None:
        return "allow"
    if thresholds.block is not None and worst >= thresholds.block:
        return "block"
    if thresholds.warn is not None and worst >= thresholds.warn:
        return "warn"
    return "allow"


def label(finding: Finding, reply: str) -> str:
    """Return a finding's short label: its rule id, and the offending text quoted when it has a span."""
    if finding.span is None or finding.span.end <= finding.span.start:
        return finding.rule_id
    text = " ".join(reply[finding.span.start : finding.span.end].split())
    if len(text) > QUOTE_LIMIT:
        text = text[: QUOTE_LIMIT - 1].rstrip() + "…"
    return f"{finding.rule_id} '{text}'" if text else finding.rule_id


def message(report: Report, reply: str, limit: int = MESSAGE_LIMIT) -> str:
    """Return one line for a toast: the count, then the worst findings' labels, cut to `limit` characters."""
    findings = report.findings
    if not findings:
        return "No problems found."
    count = len(findings)
    head = f"{count} problem{'s' if count > 1 else ''}: "
    # The worst first, so what blocks the send is never the part cut off; ties keep reply order.
    ordered = sorted(findings, key=lambda f: -f.severity)
    labels: list[str] = []
    for index, finding in enumerate(ordered):
        current = label(finding, reply)
        rest = count - index - 1
        more = f"; +{rest} more" if rest else ""
        if labels and len(head) + len("; ".join([*labels, current])) + len(more) > limit:
            return _cut(f"{head}{'; '.join(labels)}; +{count - index} more", limit)
        labels.append(current)
    return _cut(head + "; ".join(labels), limit)


def _cut(line: str, limit: int) -> str:
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"


def scores(report: Report) -> dict[str, float]:
    """Return a 0..1 score for each of the ten categories: 1 - prod(1 - weight) over its findings.

    No finding scores 0. Each finding adds its severity's weight (info 0.2, warning 0.5, error 0.9) as an
    independent piece of evidence, so one error scores 0.9, two warnings 0.75, and no count reaches 1.
    """
    clear = dict.fromkeys(CATEGORIES, 1.0)  # per category, the chance that no finding is right
    for finding in report.findings:
        if finding.category in clear:
            clear[finding.category] *= 1.0 - WEIGHTS[finding.severity]
    return {category: round(1.0 - left, 3) for category, left in clear.items()}


def verdict(report: Report, reply: str, thresholds: Thresholds = Thresholds()) -> Verdict:
    """Return the decision, the toast line and the category scores for one linted draft."""
    return Verdict(decide(report, thresholds), message(report, reply), scores(report))
