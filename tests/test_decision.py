"""The pre-send decision helpers: allow/warn/block, the toast line, category scores, and their config."""

from __future__ import annotations

import textwrap

import pytest
from hypothesis import given
from hypothesis import strategies as st

import replylint
from replylint import decision
from replylint.config import load_config
from replylint.decision import Thresholds, decide, message, scores, verdict
from replylint.errors import ConfigError
from replylint.model import CATEGORIES, Finding, Report, Severity, Span

REPLY = "Hi {{first_name}}, per company policy we cannot refund opened items."


def finding(rule="company-policy", severity=Severity.WARNING, span=(23, 37), category="policy-excuse"):
    return Finding(rule, category, severity, Span(*span) if span else None, "msg")


def test_no_findings_allow():
    """A clean report is allowed with a 'no problems' line."""
    assert decide(Report()) == "allow"
    assert message(Report(), REPLY) == "No problems found."


@pytest.mark.parametrize(
    ("severities", "expected"),
    [((Severity.INFO,), "allow"), ((Severity.WARNING, Severity.INFO), "warn"), ((Severity.WARNING, Severity.ERROR), "block")],
)
def test_default_thresholds_block_on_error_warn_on_warning(severities, expected):
    """By default the worst finding decides: error blocks, warning warns, info passes."""
    report = Report(tuple(finding(severity=s) for s in severities))
    assert decide(report) == expected


def test_thresholds_move_the_decision():
    """block/warn levels from the config change what blocks and what warns; None turns a level off."""
    report = Report((finding(severity=Severity.WARNING),))
    assert decide(report, Thresholds(block=Severity.WARNING)) == "block"
    assert decide(Report((finding(severity=Severity.ERROR),)), Thresholds(block=None)) == "warn"
    assert decide(report, Thresholds(block=None, warn=None)) == "allow"
    assert decide(Report((finding(severity=Severity.INFO),)), Thresholds(warn=Severity.INFO)) == "warn"


def test_message_counts_and_quotes_the_offending_text():
    """The line starts with the count and quotes each finding's text after its rule id."""
    placeholder = finding("unfilled-placeholder", Severity.ERROR, (3, 17), "canned-reply")
    line = message(Report((placeholder, finding())), REPLY)
    assert line == "2 problems: unfilled-placeholder '{{first_name}}'; company-policy 'company policy'"
    assert message(Report((finding(),)), REPLY).startswith("1 problem: ")


def test_message_names_a_finding_without_span_by_rule():
    """A finding about the whole reply shows its rule id alone."""
    assert message(Report((finding("missing-apology", span=None),)), REPLY) == "1 problem: missing-apology"


def test_message_puts_the_worst_first():
    """What blocks the send is listed before what only warns, even when it comes later in the reply."""
    early_warning = finding("company-policy", Severity.WARNING, (23, 37))
    late_error = finding("do-not-reply", Severity.ERROR, (60, 67), "unreachable")
    line = message(Report((early_warning, late_error)), REPLY)
    assert line.index("do-not-reply") < line.index("company-policy")


def test_message_is_cut_with_a_count_of_the_rest():
    """Many findings fit in the limit, and the line says how many were left out."""
    many = Report(tuple(finding(f"rule-number-{i}", span=(23, 37)) for i in range(12)))
    line = message(many, REPLY)
    assert len(line) <= decision.MESSAGE_LIMIT
    shown = line.count("rule-number-")
    assert 0 < shown < 12
    assert line.endswith(f"; +{12 - shown} more")


def test_message_shortens_long_quotes_and_folds_whitespace():
    """A long span is quoted in at most QUOTE_LIMIT characters, on one line."""
    reply = "We regret to inform you that\n\nwe are unable to help with your request at this time."
    line = message(Report((finding("hands-tied", span=(0, len(reply))),)), reply)
    quoted = line.split("'")[1]
    assert "\n" not in line
    assert len(quoted) <= decision.QUOTE_LIMIT and quoted.endswith("…")


@given(st.lists(st.tuples(st.sampled_from(list(Severity)), st.integers(0, 60), st.text(min_size=1, max_size=40)),
                max_size=30))
def test_message_never_exceeds_the_limit(items):
    """Whatever the findings, the toast line fits the limit and is one line."""
    report = Report(tuple(Finding(rule, "rude-tone", sev, Span(at, at + 5), "m") for sev, at, rule in items))
    line = message(report, REPLY)
    assert len(line) <= decision.MESSAGE_LIMIT


def test_scores_cover_every_category():
    """Every one of the ten categories is scored, 0 where nothing was found."""
    result = scores(Report((finding(),)))
    assert list(result) == list(CATEGORIES)
    assert all(value == 0 for category, value in result.items() if category != "policy-excuse")


def test_scores_follow_the_documented_formula():
    """1 - prod(1 - weight): one error 0.9, two warnings 0.75, warning plus info 0.6."""
    assert scores(Report((finding(severity=Severity.ERROR),)))["policy-excuse"] == 0.9
    assert scores(Report((finding(), finding(rule="no-exceptions"))))["policy-excuse"] == 0.75
    assert scores(Report((finding(), finding(severity=Severity.INFO))))["policy-excuse"] == 0.6


@given(st.lists(st.tuples(st.sampled_from(CATEGORIES), st.sampled_from(list(Severity))), max_size=40))
def test_scores_stay_in_range_and_grow_with_findings(items):
    """Scores are within 0..1, and one more finding never lowers its category's score."""
    findings = tuple(Finding("r", category, sev, None, "m") for category, sev in items)
    before = scores(Report(findings))
    after = scores(Report((*findings, Finding("r", "arguing", Severity.INFO, None, "m"))))
    assert all(0.0 <= value <= 1.0 for value in before.values())
    assert after["arguing"] >= before["arguing"]


def test_verdict_uses_the_thresholds_given():
    """verdict() bundles decision, message and scores, deciding with the given thresholds."""
    judged = verdict(Report((finding(),)), REPLY, Thresholds(block=Severity.WARNING))
    assert (judged.decision, judged.message) == ("block", "1 problem: company-policy 'company policy'")
    assert judged.scores["policy-excuse"] == 0.5


def test_helpers_are_exported_lazily():
    """The package exports the decision helpers."""
    assert replylint.verdict is verdict and replylint.Thresholds is Thresholds


def write_config(tmp_path, text):
    path = tmp_path / ".replylint.yaml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def test_config_sets_the_thresholds(tmp_path):
    """`decision:` in .replylint.yaml sets block and warn; `off` means never; missing keys keep defaults."""
    config = load_config(write_config(tmp_path, "decision:\n  block: warning\n  warn: info\n"))
    assert config.decision == Thresholds(Severity.WARNING, Severity.INFO)
    assert load_config(write_config(tmp_path, "decision: {block: off}\n")).decision == Thresholds(None, Severity.WARNING)
    assert load_config(write_config(tmp_path, "rules: {}\n")).decision == Thresholds()


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("rules: {}\ndecision:\n  block: fatal\n", 3, "unknown severity 'fatal'"),
        ("decision:\n  warn: info\n  blokc: error\n", 3, "unknown key 'blokc' in 'decision'"),
        ("decision: error\n", 1, "'decision' must be a mapping"),
        ("decision: {block: info, warn: error}\n", 1, "block (info) is below warn (error)"),
    ],
)
def test_config_errors_name_file_and_line(tmp_path, text, line, words):
    """A bad `decision:` is a ConfigError with the file and the line of the offending key."""
    path = write_config(tmp_path, text)
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert caught.value.line == line and caught.value.path == str(path.resolve())
    assert words in caught.value.message
