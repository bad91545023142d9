"""Score the linter against labelled cases: precision, recall and F1 per category, and per rule."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .model import CATEGORIES, Finding


@dataclass(frozen=True, slots=True)
class Scored:
    """One labelled case and what the linter reported for it."""

    label: str  # where the case is, e.g. corpus/dev/air.jsonl[air-007]
    reply: str
    expect: frozenset[str]
    findings: tuple[Finding, ...]
    why: str | None = None

    @property
    def found(self) -> frozenset[str]:
        return frozenset(f.category for f in self.findings)


@dataclass(frozen=True, slots=True)
class Counts:
    """True positives, false positives and false negatives, counted per case."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    @property
    def f1(self) -> float | None:
        if not self.tp + self.fp + self.fn:
            return None  # nothing labelled, nothing found: no evidence either way
        return 2 * self.tp / (2 * self.tp + self.fp + self.fn)


@dataclass(frozen=True, slots=True)
class RuleCount:
    """How often a rule fired, and on how many of those cases its category was labelled."""

    category: str
    fired: int = 0
    correct: int = 0


@dataclass(frozen=True)
class Evaluation:
    cases: tuple[Scored, ...]
    categories: dict[str, Counts]
    rules: dict[str, RuleCount]

    @property
    def micro(self) -> Counts:
        values = self.categories.values()
        return Counts(sum(c.tp for c in values), sum(c.fp for c in values), sum(c.fn for c in values))

    def macro(self, metric: str) -> float | None:
        """Return the mean of a metric over the categories where it is defined."""
        values = [getattr(c, metric) for c in self.categories.values()]
        defined = [v for v in values if v is not None]
        return sum(defined) / len(defined) if defined else None

    @property
    def clean(self) -> list[Scored]:
        return [case for case in self.cases if not case.expect]

    @property
    def clean_flagged(self) -> list[Scored]:
        return [case for case in self.clean if case.findings]


def evaluate(cases: Iterable[Scored]) -> Evaluation:
    """Count, per category, the cases found, wrongly flagged and missed; per rule, its firings."""
    cases = tuple(cases)
    categories: dict[str, Counts] = {}
    for category in CATEGORIES:
        tp = sum(1 for c in cases if category in c.expect and category in c.found)
        fp = sum(1 for c in cases if category not in c.expect and category in c.found)
        fn = sum(1 for c in cases if category in c.expect and category not in c.found)
        categories[category] = Counts(tp, fp, fn)
    rules: dict[str, RuleCount] = {}
    for case in cases:
        for rule_id, category in sorted({(f.rule_id, f.category) for f in case.findings}):
            count = rules.get(rule_id, RuleCount(category))
            rules[rule_id] = RuleCount(category, count.fired + 1, count.correct + (category in case.expect))
    return Evaluation(cases, categories, dict(sorted(rules.items())))


def _number(value: float | None) -> str:
    # Three decimals: with two, an F1 of 0.696 reads "0.70" and seems to meet a target of 0.70.
    return "    -" if value is None else f"{value:5.3f}"


def render_text(evaluation: Evaluation, show_errors: bool = False) -> str:
    """Render the evaluation as tables a person can read."""
    lines = [f"{len(evaluation.cases)} labelled cases", ""]
    lines.append(f"{'category':<16} {'precision':>9} {'recall':>7} {'F1':>6} {'tp':>5} {'fp':>5} {'fn':>5}")
    for category, counts in evaluation.categories.items():
        lines.append(
            f"{category:<16} {_number(counts.precision):>9} {_number(counts.recall):>7} {_number(counts.f1):>6}"
            f" {counts.tp:>5} {counts.fp:>5} {counts.fn:>5}"
        )
    micro = evaluation.micro
    lines.append(
        f"{'micro':<16} {_number(micro.precision):>9} {_number(micro.recall):>7} {_number(micro.f1):>6}"
        f" {micro.tp:>5} {micro.fp:>5} {micro.fn:>5}"
    )
    macro = [_number(evaluation.macro(m)) for m in ("precision", "recall", "f1")]
    lines.append(f"{'macro':<16} {macro[0]:>9} {macro[1]:>7} {macro[2]:>6}")
    clean, flagged = len(evaluation.clean), len(evaluation.clean_flagged)
    share = f"{100 * flagged / clean:.1f} %" if clean else "-"
    lines += ["", f"clean cases with any finding: {flagged} of {clean} ({share})", ""]
    if evaluation.rules:
        lines.append(f"{'rule':<28} {'category':<16} {'fired':>5} {'right':>5} {'precision':>9}")
        for rule_id, count in evaluation.rules.items():
            precision = count.correct / count.fired if count.fired else None
            lines.append(
                f"{rule_id:<28} {count.category:<16} {count.fired:>5} {count.correct:>5} {_number(precision):>9}"
            )
    else:
        lines.append("no rule fired")
    if show_errors:
        lines += ["", *_errors_text(evaluation.cases)]
    return "\n".join(lines) + "\n"


def _errors_text(cases: Sequence[Scored]) -> list[str]:
    lines = ["false positives (reported, not labelled):"]
    for case in cases:
        for finding in case.findings:
            if finding.category not in case.expect:
                lines.append(f"  {case.label}  {finding.category}/{finding.rule_id}: {_quote(case, finding)}")
    lines += ["", "false negatives (labelled, not reported):"]
    for case in cases:
        for category in sorted(case.expect - case.found, key=CATEGORIES.index):
            lines.append(f"  {case.label}  {category}" + (f": {case.why}" if case.why else ""))
    return lines


def _quote(case: Scored, finding: Finding) -> str:
    if finding.span is None:
        return "(whole reply)"
    text = " ".join(case.reply[finding.span.start : finding.span.end].split())
    return repr(text if len(text) <= 60 else text[:57] + "...")


def render_json(evaluation: Evaluation) -> str:
    """Render the evaluation, with every error, as JSON."""

    def counts(c: Counts) -> dict:
        return {"precision": c.precision, "recall": c.recall, "f1": c.f1, "tp": c.tp, "fp": c.fp, "fn": c.fn}

    errors = []
    for case in evaluation.cases:
        for finding in case.findings:
            if finding.category not in case.expect:
                text = case.reply[finding.span.start : finding.span.end] if finding.span else None
                errors.append({"case": case.label, "kind": "false-positive", "category": finding.category,
                               "rule": finding.rule_id, "text": text})
        for category in sorted(case.expect - case.found, key=CATEGORIES.index):
            errors.append({"case": case.label, "kind": "false-negative", "category": category, "rule": None,
                           "text": None})
    document = {
        "cases": len(evaluation.cases),
        "categories": {name: counts(c) for name, c in evaluation.categories.items()},
        "micro": counts(evaluation.micro),
        "macro": {m: evaluation.macro(m) for m in ("precision", "recall", "f1")},
        "clean": {"cases": len(evaluation.clean), "flagged": len(evaluation.clean_flagged)},
        "rules": {rule_id: {"category": c.category, "fired": c.fired, "correct": c.correct}
                  for rule_id, c in evaluation.rules.items()},
        "errors": errors,
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
