"""The salutation check: a generic greeting when the customer's name is on record."""

from __future__ import annotations

import pytest

from replylint.config import Config
from replylint.engine import Linter
from replylint.model import Customer, Draft
from replylint.rule import load_rule

from ..conftest import ROOT

RULE = """\
check: salutation
category: customer-record
message: "'{{match}}' is generic; {{record}} is on record."
options:
  generic: [dear customer, hi there]
  {extra}
examples:
  fail: [{{reply: "Dear Customer,", customer: {{name: Ana}}}}]
  pass: [{{reply: "Dear Ana,", customer: {{name: Ana}}}}]
"""


@pytest.fixture(scope="module")
def builtin():
    return Linter(Config(rules=(load_rule(ROOT / "rules" / "core" / "dear-customer.yaml"),)))


def found(linter, reply, name=None, complaint=None):
    """Return (span text, suggestion) of every finding."""
    report = linter.lint(Draft(reply, complaint, Customer(name=name) if name else None))
    return [(reply[f.span.start : f.span.end], f.suggestion) for f in report.findings]


def test_span_is_the_longest_generic_phrase(builtin):
    """'Dear Sir or Madam' is reported whole, not as 'Dear Sir'."""
    assert found(builtin, "Dear Sir or Madam,\nDone.", "Siobhan O'Connor") == [
        ("Dear Sir or Madam", "Dear Siobhan,")
    ]


def test_offsets_after_emoji(builtin):
    """Spans are character offsets, right after an emoji on the line before."""
    assert found(builtin, "🙂\nDear Valued Customer,\nDone.", "Ana Lima") == [
        ("Dear Valued Customer", "Dear Ana,")
    ]


def test_suggestion_keeps_the_greeting_word_as_written(builtin):
    """'Hello there' becomes 'Hello Ana,'; 'To whom it may concern' becomes 'Dear Ana,'."""
    assert found(builtin, "Hello there!\nDone.", "Ana Lima") == [("Hello there", "Hello Ana,")]
    assert found(builtin, "To whom it may concern,\nDone.", "Ana Lima") == [
        ("To whom it may concern", "Dear Ana,")
    ]


def test_accented_name_in_suggestion(builtin):
    """The suggestion spells the first name as the record does."""
    assert found(builtin, "Dear Customer,\nDone.", "Łukasz Zieliński") == [("Dear Customer", "Dear Łukasz,")]


def test_record_with_title_suggests_title_and_surname(builtin):
    """A record 'Mr John Smith' is greeted 'Dear Mr Smith,'."""
    assert found(builtin, "Dear Sir/Madam,\nDone.", "Mr John Smith") == [("Dear Sir/Madam", "Dear Mr Smith,")]


def test_message(builtin):
    """The message quotes the greeting and the record's name."""
    report = builtin.lint(Draft("Dear Customer,\nDone.", None, Customer(name="Ana Lima")))
    assert (
        report.findings[0].message
        == "'Dear Customer' is a generic greeting, but the customer's name is on record (Ana Lima)."
    )


def test_no_name_on_record(builtin):
    """Without a name on record a generic greeting is the best the agent can do."""
    assert found(builtin, "Dear Customer,\nDone.") == []


def test_only_at_the_start_of_an_early_line(builtin):
    """Generic words inside a sentence or far down the reply are not the greeting."""
    assert found(builtin, "Hi Ana,\nWe no longer write 'Dear Customer' to anyone.", "Ana Lima") == []
    assert found(builtin, "Hi Ana,\nDone.\n\nDear Customer,\nthe old letter", "Ana Lima") == []


def test_name_after_the_generic_words(builtin):
    """'Hi there, Ana!' and 'Hello there Mr Lima' greet by name; a misspelled name is another rule's."""
    assert found(builtin, "Hi there, Ana!\nDone.", "Ana Lima") == []
    assert found(builtin, "Hello there Mr Lima,\nDone.", "Ana Lima") == []
    assert found(builtin, "Hi there Anaa,\nDone.", "Ana Lima") == []


def test_one_finding_per_reply(builtin):
    """A reply with two generic openings gets one finding."""
    assert len(found(builtin, "Hi there!\nDear Customer,\nDone.", "Ana Lima")) == 1


def test_option_generic(linter_for):
    """Only the configured phrases are generic."""
    linter = linter_for(RULE.format(extra=""))
    assert found(linter, "Dear Sir or Madam,\nDone.", "Ana Lima") == []
    assert found(linter, "Hi there,\nDone.", "Ana Lima") == [("Hi there", "Hi Ana,")]


def test_option_greeting_lines(linter_for):
    """With greeting-lines: 1 only the first non-empty line holds the greeting."""
    reply = "Re: refund\nDear Customer,\nDone."
    assert found(linter_for(RULE.format(extra="")), reply, "Ana Lima") == [("Dear Customer", "Dear Ana,")]
    assert found(linter_for(RULE.format(extra="greeting-lines: 1")), reply, "Ana Lima") == []


def test_option_greetings_and_default_greeting(linter_for):
    """A greeting not in `greetings` is replaced by `default-greeting`."""
    linter = linter_for(RULE.format(extra="greetings: [hello]\n  default-greeting: Hello"))
    assert found(linter, "Dear Customer,\nDone.", "Ana Lima") == [("Dear Customer", "Hello Ana,")]


def test_option_suggest(linter_for):
    """The suggestion follows the `suggest` format."""
    linter = linter_for(RULE.format(extra='suggest: "{greeting} {name}!"'))
    assert found(linter, "Dear Customer,\nDone.", "Ana Lima") == [("Dear Customer", "Dear Ana!")]


def test_option_titles(linter_for):
    """A title listed in options is recognised in the record."""
    linter = linter_for(RULE.format(extra="titles: [sra]"))
    assert found(linter, "Dear Customer,\nDone.", "Sra Ana Lima") == [("Dear Customer", "Dear Sra Lima,")]


def test_option_when(linter_for):
    """`when` limits the rule, here to replies to a complaint."""
    linter = linter_for(RULE.format(extra="when: {complaint: true}"))
    assert found(linter, "Dear Customer,\nDone.", "Ana Lima", complaint="How do I export a CSV?") == []
