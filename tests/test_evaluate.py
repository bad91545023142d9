"""Evaluation: counts per category and per rule, averages, and the eval command."""

from __future__ import annotations

import json

from click.testing import CliRunner

from replylint.cli import main
from replylint.evaluate import Scored, evaluate, render_text
from replylint.model import Finding, Severity, Span


def finding(rule, category):
    return Finding(rule, category, Severity.WARNING, Span(0, 4), "m")


CASES = [
    Scored("a", "text", frozenset({"policy-excuse"}), (finding("company-policy", "policy-excuse"),)),
    Scored("b", "text", frozenset(), (finding("company-policy", "policy-excuse"),)),
    Scored("c", "text", frozenset({"rude-tone", "policy-excuse"}), ()),
    Scored("d", "text", frozenset(), ()),
]


def test_counts_per_category():
    """A category is found for a case when any finding of it is reported."""
    result = evaluate(CASES)
    policy = result.categories["policy-excuse"]
    assert (policy.tp, policy.fp, policy.fn) == (1, 1, 1)
    assert policy.precision == 0.5 and policy.recall == 0.5 and policy.f1 == 0.5
    rude = result.categories["rude-tone"]
    assert (rude.tp, rude.fp, rude.fn, rude.f1) == (0, 0, 1, 0.0)


def test_macro_skips_categories_with_no_evidence():
    """Categories never labelled nor reported do not drag the macro average."""
    result = evaluate(CASES)
    assert result.categories["arguing"].f1 is None
    assert result.macro("f1") == (0.5 + 0.0) / 2


def test_clean_cases_and_rule_counts():
    """The share of clean cases flagged, and per-rule firings with how many were right."""
    result = evaluate(CASES)
    assert (len(result.clean), len(result.clean_flagged)) == (2, 1)
    count = result.rules["company-policy"]
    assert (count.fired, count.correct) == (2, 1)


def test_render_text_lists_errors_when_asked():
    """--show-errors lists false positives with the rule and false negatives with the category."""
    text = render_text(evaluate(CASES), show_errors=True)
    assert "clean cases with any finding: 1 of 2 (50.0 %)" in text
    assert "  b  policy-excuse/company-policy: 'text'" in text
    assert "  c  rude-tone" in text


def test_render_text_shows_three_decimals():
    """Figures keep three decimals, so one just under a target is not rounded up to it: 2/3 is 0.667."""
    cases = [
        Scored("a", "t", frozenset({"rude-tone"}), (finding("rude-tone/x", "rude-tone"),)),
        Scored("b", "t", frozenset({"rude-tone"}), (finding("rude-tone/x", "rude-tone"),)),
        Scored("c", "t", frozenset({"rude-tone"}), ()),
    ]
    row = next(line for line in render_text(evaluate(cases)).splitlines() if line.startswith("rude-tone"))
    assert row.split()[1:4] == ["1.000", "0.667", "0.800"]


def test_eval_command_and_floor(tmp_path):
    """`replylint eval` prints the table; --min-macro-f1 above the figure exits 1."""
    cases = tmp_path / "cases.jsonl"
    rows = [
        {"id": "p1", "reply": "Per company policy, no.", "expect": ["policy-excuse"]},
        {"id": "n1", "reply": "We changed our refund policy, so you now qualify.", "expect": []},
    ]
    cases.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(main, ["eval", str(cases)])
    assert result.exit_code == 0 and "policy-excuse" in result.stdout
    data = json.loads(runner.invoke(main, ["eval", str(cases), "--format", "json"]).stdout)
    assert data["categories"]["policy-excuse"]["tp"] == 1 and data["clean"] == {"cases": 1, "flagged": 0}
    assert runner.invoke(main, ["eval", str(cases), "--min-macro-f1", "0.5"]).exit_code == 0
    failing = tmp_path / "miss.jsonl"
    failing.write_text(json.dumps({"reply": "Fine.", "expect": ["rude-tone"]}) + "\n", encoding="utf-8")
    result = runner.invoke(main, ["eval", str(failing), "--min-macro-f1", "0.5"])
    assert result.exit_code == 1 and "below --min-macro-f1" in result.stderr


def test_eval_needs_labels(tmp_path):
    """A case without `expect` is a usage error naming the file and line."""
    cases = tmp_path / "cases.jsonl"
    cases.write_text('{"reply": "Fine."}\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["eval", str(cases)])
    assert result.exit_code == 2 and f"{cases}:1: case has no 'expect' label" in result.stderr
