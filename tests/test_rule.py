"""Rule files are validated at load: every problem names the file and the line."""

from __future__ import annotations

import re

import pytest

from replylint.errors import RuleError
from replylint.packs import load_packs
from replylint.rule import load_rule

GOOD = """\
check: phrase
category: policy-excuse
severity: warning
message: "'{match}' hides behind policy."
description: Flags policy used as a wall.
options:
  phrases: [company policy]
examples:
  fail:
    - reply: Per company policy, no.
  pass:
    - reply: We changed our policy, so you qualify.
"""


def error_of(write_rule, text: str) -> str:
    path = write_rule(text)
    with pytest.raises(RuleError) as caught:
        load_rule(path)
    return str(caught.value)


def test_good_rule_loads(write_rule):
    """A valid rule loads with its id from the file stem and its options typed."""
    rule = load_rule(write_rule(GOOD, name="company-policy"))
    assert (rule.id, rule.category, rule.options.phrases) == ("company-policy", "policy-excuse", ("company policy",))


@pytest.mark.parametrize(
    ("change", "line", "words"),
    [
        (("severity: warning", "severity: warning\nlevel: high"), 4, "unknown key 'level'"),
        (("check: phrase", "check: grammar"), 1, "unknown check kind 'grammar' (known: "),
        (("category: policy-excuse", "category: policy"), 2, "unknown category 'policy'"),
        (("severity: warning", "severity: fatal"), 3, "unknown severity 'fatal'"),
        (("phrases: [company policy]", "phrases: company policy"), 7, "options.phrases must be a list"),
        (("phrases: [company policy]", "lemma: yes please"), 7, "options.lemma must be true or false"),
        (("phrases: [company policy]", "regex: ['(unclosed']"), 7, "does not compile"),
        (("phrases: [company policy]", "phrase: [x]"), 7, "unknown key 'phrase' in options"),
        (("  pass:\n    - reply: We changed our policy, so you qualify.\n", ""), 9, "at least one 'pass' example"),
        (("    - reply: Per company policy, no.", "    - text: Per company policy, no."), 10, "unknown key 'text'"),
        (("severity: warning", "severity: warning\nseverity: error"), 4, "duplicate key 'severity'"),
        (("message:", "message: [unclosed\nmessage2:"), 5, "invalid YAML"),
    ],
)
def test_invalid_rule_names_file_and_line(write_rule, change, line, words):
    """Each kind of mistake in a rule file is reported with its file and line."""
    message = error_of(write_rule, GOOD.replace(*change))
    assert re.match(rf".*sample-rule\.yaml:{line}: ", message), message
    assert words in message


def test_rule_that_is_not_a_mapping(write_rule):
    """A rule file holding a list is rejected at line 1."""
    assert error_of(write_rule, "- just\n- a list\n").endswith("sample-rule.yaml:1: a rule file must be a mapping of keys (check, category, ...)")


def test_non_utf8_rule_file(write_rule):
    """A rule file that is not UTF-8 is an error with its line, not a traceback."""
    path = write_rule(GOOD)
    path.write_bytes(GOOD.encode() + b"# caf\xe9\n")
    with pytest.raises(RuleError) as caught:
        load_rule(path)
    assert f"{path}:13: not UTF-8" in str(caught.value)


def test_duplicate_rule_id_across_packs(write_rule, tmp_path):
    """The same id in two packs is an error naming both files."""
    first = write_rule(GOOD, name="company-policy", folder=tmp_path / "one")
    second = write_rule(GOOD, name="company-policy", folder=tmp_path / "two")
    with pytest.raises(RuleError) as caught:
        load_packs([tmp_path / "one", tmp_path / "two"])
    assert str(second) in str(caught.value) and str(first) in str(caught.value)


def test_list_option_may_name_a_shared_file(write_rule, tmp_path):
    """A list option given as `name.yaml` is read from that file beside the rule; packs skip `_` files."""
    (tmp_path / "pack").mkdir(exist_ok=True)
    (tmp_path / "pack" / "_walls.yaml").write_text("- company policy\n- rules are rules\n", encoding="utf-8")
    write_rule(GOOD.replace("phrases: [company policy]", "phrases: _walls.yaml"), name="company-policy")
    (rule,) = load_packs([tmp_path / "pack"])
    assert rule.options.phrases == ("company policy", "rules are rules")


def test_missing_shared_file_names_the_option_line(write_rule):
    """A shared file that does not exist is an error at the line of the option naming it."""
    message = error_of(write_rule, GOOD.replace("phrases: [company policy]", "phrases: _nowhere.yaml"))
    assert re.match(r".*sample-rule\.yaml:7: options\.phrases: cannot read", message), message
