"""Run every rule's documented examples: `fail` must produce a finding, `pass` must not."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from .config import Config
from .engine import Linter
from .model import Draft, Report
from .rule import Example, Rule


@dataclass(frozen=True, slots=True)
class Outcome:
    """The result of one example: problem is None when it behaved as documented."""

    rule: Rule
    kind: str  # "fail" or "pass"
    index: int
    example: Example
    problem: str | None

    @property
    def name(self) -> str:
        return f"{self.rule.id}/{self.kind}/{self.index}"


def examples(rules: Iterable[Rule]) -> Iterator[tuple[Rule, str, int, Example]]:
    """Yield every example of every rule as (rule, kind, index, example)."""
    for rule in rules:
        for kind, group in (("fail", rule.fail), ("pass", rule.passes)):
            for index, example in enumerate(group):
                yield rule, kind, index, example


def run_examples(rules: Iterable[Rule]) -> list[Outcome]:
    """Lint every example with all the given rules loaded, judging each by its own rule's findings."""
    rules = tuple(rules)
    cases = list(examples(rules))
    linter = Linter(Config(rules=rules))
    drafts = (Draft(ex.reply, ex.complaint, ex.customer, template=ex.template) for _, _, _, ex in cases)
    return [
        Outcome(rule, kind, index, example, judge(rule, kind, example, report))
        for (rule, kind, index, example), report in zip(cases, linter.lint_many(drafts))
    ]


def judge(rule: Rule, kind: str, example: Example, report: Report) -> str | None:
    """Return what is wrong with one example's outcome, or None."""
    skipped = [problem.message for problem in report.problems if problem.rule_id == rule.id]
    if skipped:
        return skipped[0]
    findings = [f for f in report.findings if f.rule_id == rule.id]
    texts = [example.reply[f.span.start : f.span.end] if f.span else "(whole reply)" for f in findings]
    if kind == "pass":
        return f"expected no finding, got {len(findings)}: {texts}" if findings else None
    if not findings:
        return "expected a finding, got none"
    if example.match is not None and example.match not in texts:
        return f"expected a finding on {example.match!r}, got {texts}"
    if example.suggestion is not None and example.suggestion not in [f.suggestion for f in findings]:
        return f"expected the suggestion {example.suggestion!r}, got {[f.suggestion for f in findings]}"
    return None
