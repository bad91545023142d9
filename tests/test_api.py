"""The Python API: lint(), Linter, and the value types."""

from __future__ import annotations

import pytest

import replylint
from replylint import Customer, Draft, Finding, Linter, Severity, Span
from replylint.errors import InputError


def test_lint_returns_findings():
    """replylint.lint() returns the findings of the recommended pack."""
    (finding,) = replylint.lint("Per company policy, no.")
    assert (finding.rule_id, finding.category, finding.span) == ("company-policy", "policy-excuse", Span(4, 18))


def test_lint_accepts_a_customer_mapping_or_name():
    """customer may be a mapping, a name or a Customer."""
    for customer in ({"name": "Ana Lima", "order": "A-1"}, "Ana Lima", Customer(name="Ana Lima")):
        assert replylint.lint("Go to Settings, then Export.", "How do I export my data?", customer) == []


def test_lint_many_keeps_order():
    """Linter.lint_many returns one report per draft, in order."""
    linter = Linter()
    drafts = [Draft("Fine."), Draft("Per company policy, no."), Draft("Fine again.")]
    counts = [len(report.findings) for report in linter.lint_many(drafts)]
    assert counts == [0, 1, 0]


@pytest.mark.parametrize("reply", ["", "   \n", "x" * 1_000_001])
def test_unlintable_reply_is_an_input_error(reply):
    """An empty or oversized reply raises InputError, not a crash deep in spaCy."""
    with pytest.raises(InputError):
        Linter().lint(Draft(reply))


def test_findings_compare_on_every_field_and_sort_by_position():
    """Findings differing only in message are different; whole-reply findings sort first."""
    a = Finding("r", "rude-tone", Severity.WARNING, Span(5, 9), "one")
    b = Finding("r", "rude-tone", Severity.WARNING, Span(5, 9), "two")
    c = Finding("q", "rude-tone", Severity.ERROR, None, "whole")
    assert a != b
    assert sorted([a, c], key=lambda f: f.sort_key) == [c, a]
    assert max(f.severity for f in (a, c)) is Severity.ERROR


def test_public_names_resolve_lazily():
    """Every name in replylint.__all__ is importable from the package."""
    import replylint

    assert all(getattr(replylint, name) is not None for name in replylint.__all__)
