"""template-syntax: unclosed placeholders, stray closers and unbalanced blocks, in templates only."""

from __future__ import annotations

import pytest

from replylint.model import Draft

RULE = """\
check: template-syntax
category: canned-reply
message: "broken: {match}"
examples:
  fail: [{template: true, reply: "Hi {{ name"}]
  pass: [{template: true, reply: "Hi {{ name }}"}]
"""


@pytest.fixture
def broken(linter_for):
    linter = linter_for(RULE)

    def spans(text: str, template: bool = True) -> list[str]:
        report = linter.lint(Draft(text, template=template))
        return [text[f.span.start : f.span.end] for f in report.findings]

    return spans


def test_unclosed_opener_is_reported_to_the_end_of_its_line(broken):
    """An opener with no closer is reported from the opener to the end of its line."""
    assert broken("Hi {{ first_name,\nYour order shipped.") == ["{{ first_name,"]


def test_stray_closer_is_reported(broken):
    """A closer that closes nothing is reported on its own."""
    assert broken("Hi first_name }}, your order shipped.") == ["}}"]


def test_nested_blocks_balance(broken):
    """Liquid and Handlebars blocks nest; a balanced template has no finding, a wrong end is reported."""
    assert broken("{% if a %}{% for x in y %}{{ x }}{% endfor %}{% endif %}{{#if b}}ok{{/if}}") == []
    assert broken("{% if a %}{% for x in y %}{{ x }}{% endif %}") == ["{% for x in y %}"]
    assert broken("Thanks!{% endif %}") == ["{% endif %}"]


def test_tags_that_need_no_end_are_not_blocks(broken):
    """{% assign %} and {% include %} stand alone."""
    assert broken("{% assign n = 1 %}{% include 'footer' %} Thanks!") == []


def test_drafts_are_left_to_the_placeholder_rule(broken):
    """In a draft, broken template syntax is not this rule's business."""
    assert broken("Hi {{ first_name,\nYour order shipped.", template=False) == []
