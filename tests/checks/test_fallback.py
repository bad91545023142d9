"""fallback: a personal placeholder that would print a blank, in syntaxes that can give a fallback."""

from __future__ import annotations

import pytest

from replylint.model import Draft

RULE = """\
check: fallback
category: canned-reply
message: "no fallback: {match}"
examples:
  fail: [{template: true, reply: "Hi {{ first_name }}"}]
  pass: [{template: true, reply: "Hi {{ first_name | default: 'there' }}"}]
"""


@pytest.fixture
def blanks(linter_for):
    linter = linter_for(RULE)

    def spans(text: str, template: bool = True) -> list[str]:
        report = linter.lint(Draft(text, template=template))
        return [text[f.span.start : f.span.end] for f in report.findings]

    return spans


@pytest.mark.parametrize("text", [
    "Hi {{ first_name | default: 'there' }}, thanks.",
    'Hi {{first_name | fallback: "there"}}, thanks.',
    "Hello {%customer.firstName,fallback=there%}, thanks.",
    "Hi {{ customer.name or 'there' }}, thanks.",
])
def test_a_fallback_satisfies_the_rule(blanks, text):
    """Liquid default, Intercom fallback, Help Scout fallback= and Jinja `or` all count."""
    assert blanks(text) == []


def test_each_personal_placeholder_without_fallback_is_reported(blanks):
    """Two name placeholders without fallback are two findings, at their own spans."""
    assert blanks("Hi {{ first_name }} {{ last_name }}, ticket {{ ticket.id }}.") == ["{{ first_name }}", "{{ last_name }}"]


def test_syntaxes_without_fallbacks_are_not_faulted(blanks):
    """osTicket and Zammad have no fallback syntax: their name placeholders pass."""
    assert blanks("Dear %{recipient.name.first} and #{ticket.customer.firstname},") == []


def test_only_templates_are_checked(blanks):
    """A draft's placeholders belong to unfilled-placeholder."""
    assert blanks("Hi {{ first_name }}", template=False) == []


def test_unknown_syntax_name_is_a_rule_error(write_rule):
    """A syntax name that does not exist is an error naming the rule file."""
    from replylint.checks import fallback
    from replylint.errors import RuleError
    from replylint.rule import load_rule

    path = write_rule(RULE.replace("message:", "options: {syntaxes: [Mustachio]}\nmessage:"))
    with pytest.raises(RuleError, match="Mustachio") as caught:
        list(fallback.phrase_lists(load_rule(path)))
    assert str(path) in str(caught.value)
