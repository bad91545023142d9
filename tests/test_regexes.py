"""Rule regexes under a time budget: a catastrophic pattern costs one rule on one draft, nothing more."""

from __future__ import annotations

import dataclasses
import pickle
import re
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from replylint import regexes
from replylint.cli import main
from replylint.config import Config, load_config
from replylint.engine import Linter
from replylint.errors import RuleError
from replylint.model import Draft
from replylint.rule import load_rule

SLOW = """\
check: {check}
category: rude-tone
message: "slow {{match}}"
options:
  {options}
examples:
  fail: [{{reply: "aaa {{{{ x }}}}"}}]
  pass: [{{reply: "bbb"}}]
"""
POLICY = """\
check: phrase
category: policy-excuse
message: "'{match}' is a wall."
options:
  phrases: [company policy]
examples:
  fail: [{reply: company policy}]
  pass: [{reply: fine}]
"""
# Long enough that backtracking would take years; the budget must cut it off. One sentence, so that
# an `unless` pattern (searched in the sentence of a match) meets it too.
HOSTILE = "Per company policy no " + "a" * 3000 + "b " + "x" * 3000


def linter(write_rule, options: str, check: str = "phrase") -> Linter:
    slow = load_rule(write_rule(SLOW.format(check=check, options=options), "slow-rule"))
    return Linter(Config(rules=(slow, load_rule(write_rule(POLICY, "company-policy")))))


@pytest.mark.parametrize(
    "check, options",
    [
        ("phrase", 'regex: ["(a+)+$"]'),
        ("phrase", 'regex: ["(x+x+)+y"]'),
        ("phrase", 'unless: ["(a|aa)+$"]\n  phrases: [company policy]'),
        ("placeholder", 'regex: ["(a+)+$"]'),
    ],
)
def test_catastrophic_regex_is_cut_off_and_reported(write_rule, check, options):
    """The hostile rule is skipped within its budget and named with file and line; the other rule still runs."""
    lint = linter(write_rule, options, check)
    started = time.perf_counter()
    report = lint.lint(Draft(HOSTILE))
    elapsed = time.perf_counter() - started
    (problem,) = report.problems
    assert problem.rule_id == "slow-rule"
    assert re.match(r".*slow-rule\.yaml:5: regex '.+' took longer than \d+ ms on this draft", problem.message)
    assert [f.rule_id for f in report.findings] == ["company-policy"]
    assert elapsed < 2.0


def test_budget_is_shared_by_the_searches_of_one_rule(write_rule, monkeypatch):
    """Many quick searches add up: the budget is per rule and draft, not per search."""
    monkeypatch.setenv(regexes.BUDGET_ENV, "20")
    lint = linter(write_rule, 'unless: ["(a|aa)+c"]\n  phrases: [refund]')
    # About 2 ms per `unless` search, one search per sentence: 300 of them stay under 20 ms each.
    reply = " ".join(["Refund " + "a" * 16 + "b."] * 300)
    report = lint.lint(Draft(reply))
    assert [p.rule_id for p in report.problems] == ["slow-rule"]


def test_budget_setting(monkeypatch):
    """$REPLYLINT_REGEX_BUDGET_MS sets the base budget; nonsense falls back to the default."""
    monkeypatch.setenv(regexes.BUDGET_ENV, "250")
    assert regexes.budget_ms() == 250
    for nonsense in ("soon", "0", "-5", "inf", "nan"):
        monkeypatch.setenv(regexes.BUDGET_ENV, nonsense)
        assert regexes.budget_ms() == regexes.DEFAULT_BUDGET_MS
    assert regexes.Budget(1_000_000).total > regexes.Budget(100).total


def test_search_outside_a_linter_run_has_its_own_budget():
    """A pattern used alone (the complaint lexicon, a test) still stops, raising the named RuleError."""
    pattern = regexes.Pattern("(a+)+$", regexes.IGNORECASE, "rules/x.yaml", 7)
    with pytest.raises(regexes.RegexTimeout) as caught:
        pattern.search("a" * 3000 + "b")
    assert (caught.value.path, caught.value.line) == ("rules/x.yaml", 7)
    with pytest.raises(regexes.RegexTimeout):
        list(pattern.finditer("a" * 3000 + "b"))


def test_pattern_behaves_like_re():
    """Search, match, fullmatch and finditer take pos and endpos and give re's answers."""
    text = "Our POLICY says no; our policy, again."
    mine = regexes.Pattern(r"our (policy)", regexes.IGNORECASE)
    theirs = re.compile(r"our (policy)", re.IGNORECASE)
    assert [m.span(1) for m in mine.finditer(text)] == [m.span(1) for m in theirs.finditer(text)]
    assert [m.span() for m in mine.finditer(text, 5, 30)] == [m.span() for m in theirs.finditer(text, 5, 30)]
    assert mine.search(text, 10).span() == theirs.search(text, 10).span()
    assert mine.match(text).group() == theirs.match(text).group()
    assert mine.fullmatch("our policy") and not mine.fullmatch("our policy!")


def test_pattern_survives_pickling_and_compares_by_source():
    """--jobs sends rules to worker processes; equal sources are equal patterns, wherever written."""
    pattern = regexes.Pattern(r"\bno\b", regexes.IGNORECASE, "a.yaml", 3)
    copy = pickle.loads(pickle.dumps(pattern))
    assert copy == pattern == regexes.Pattern(r"\bno\b", regexes.IGNORECASE, "b.yaml", 9)
    assert hash(copy) == hash(pattern) and copy.line == 3
    assert copy.search("well, no.").span() == (6, 8)


@pytest.mark.parametrize("pattern", ["(" * 5000 + ")" * 5000, "a{99999999999}", "(?P<1>x)", "[z-a]"])
def test_regex_that_cannot_compile_is_a_rule_error(write_rule, pattern):
    """Deep nesting and huge counts are rule errors naming file and line, not crashes."""
    options = f"regex: [{pattern!r}]".replace("'", '"')
    with pytest.raises(RuleError, match="does not compile") as caught:
        load_rule(write_rule(SLOW.format(check="phrase", options=options)))
    assert caught.value.line == 5


def builtin_patterns():
    for rule in load_config().rules:
        for field in dataclasses.fields(rule.options):
            value = getattr(rule.options, field.name)
            for item in value if isinstance(value, tuple) else (value,):
                if isinstance(item, regexes.Pattern):
                    yield rule, item


def test_builtin_regexes_match_as_re_does():
    """Every built-in rule regex finds what Python's re finds, on every example reply of the pack."""
    pairs = list(builtin_patterns())
    assert pairs, "the built-in pack has rule regexes"
    replies = [example.reply for rule in load_config().rules for example in (*rule.fail, *rule.passes)]
    for rule, pattern in pairs:
        plain = re.compile(pattern.pattern, re.IGNORECASE)
        for reply in replies:
            assert [m.span() for m in pattern.finditer(reply)] == [m.span() for m in plain.finditer(reply)], (
                rule.id,
                pattern.pattern,
            )


def test_cli_reports_the_skipped_rule_per_draft_and_exits_2(tmp_path):
    """The draft that trips the regex gets a line naming it and the rule file; every draft is still linted."""
    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "slow-rule.yaml").write_text(SLOW.format(check="phrase", options='regex: ["(a+)+$"]'), encoding="utf-8")
    (tmp_path / ".replylint.yaml").write_text("packs: [pack]\n", encoding="utf-8")
    (tmp_path / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    (tmp_path / "plain.txt").write_text("Per company policy, no refund.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(tmp_path / "hostile.txt"), str(tmp_path / "plain.txt")])
    assert result.exit_code == 2
    (line,) = [line for line in result.stderr.splitlines() if "took longer" in line]
    assert line.startswith(f"replylint: {tmp_path / 'hostile.txt'}: {Path(pack / 'slow-rule.yaml')}:5: regex")
    assert "hostile.txt:1:5:" in result.stdout and "plain.txt:1:5:" in result.stdout
    assert "2 of 2 drafts" in result.stdout


def test_time_the_rule_does_not_spend_searching_is_not_counted(monkeypatch):
    """The engine's timeout counts all the process's CPU time; the rule's own work between two
    matches (or another thread's) must not cost the rule, and every match is still found once, in order."""
    monkeypatch.setenv(regexes.BUDGET_ENV, "20")
    text = "no, no, and x no"
    pattern = regexes.Pattern(r"\bno\b|(?=x)", regexes.IGNORECASE)  # an empty match too, for the restart
    found = []
    with regexes.Budget(len(text)):
        for match in pattern.finditer(text):
            found.append(match.span())
            busy = time.process_time() + 0.03  # longer than the whole budget
            while time.process_time() < busy:
                pass
    assert found == [m.span() for m in re.finditer(r"\bno\b|(?=x)", text)]


def test_a_slow_complaint_shape_is_skipped_not_raised(monkeypatch):
    """A built-in complaint regex that runs out of time on a hostile message leaves the verdict to the words."""
    from replylint import complaint

    monkeypatch.setenv(regexes.BUDGET_ENV, "5")
    slow = regexes.Pattern("(a+)+$", regexes.IGNORECASE)
    words = complaint.lexicon()
    monkeypatch.setattr(complaint, "lexicon", lambda path=None: dataclasses.replace(words, regex=(slow,)))
    started = time.perf_counter()
    report = Linter().lint(Draft("Thanks for writing.", complaint="My parcel never arrived. " + "a" * 3000 + "b"))
    assert time.perf_counter() - started < 2.0
    assert not report.problems
    assert "missing-apology" in {f.rule_id for f in report.findings}  # still read as a complaint
