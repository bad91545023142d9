"""The phrase check: offsets, exceptions in the same sentence, regexes, lemmas and conditions."""

from __future__ import annotations

import re

import pytest

from replylint.model import Customer, Draft

RULE = """\
check: phrase
category: policy-excuse
message: "'{{match}}' is a wall."
options:
  phrases: [company policy]
  regex: ["\\\\bmy hands are tied\\\\b"]
  {extra}
examples:
  fail: [{{reply: company policy}}]
  pass: [{{reply: fine}}]
"""


def texts(linter, reply, **draft):
    return [reply[f.span.start : f.span.end] for f in linter.lint(Draft(reply, **draft)).findings]


@pytest.fixture
def plain(linter_for):
    return linter_for(RULE.format(extra=""))


def test_offsets_count_characters_not_bytes(plain):
    """Spans are character offsets, correct after emoji and accents."""
    reply = "🙂 Désolé, José: per company policy, no."
    assert texts(plain, reply) == ["company policy"]


def test_every_occurrence_is_reported_once(plain):
    """Two occurrences give two findings; phrase and regex on the same words give one."""
    reply = "Company policy. Still company policy. My hands are tied."
    assert texts(plain, reply) == ["Company policy", "company policy", "My hands are tied"]


def test_regex_sees_curly_apostrophes_as_straight(linter_for):
    """A regex written with ' also matches ’ in the reply."""
    linter = linter_for(RULE.format(extra="").replace("my hands are tied", "we can't"))
    assert texts(linter, "Sorry, we can’t.") == ["we can’t"]


def test_unless_applies_to_the_same_sentence_only(linter_for):
    """An exception cancels a match in its own sentence, not in the next one."""
    linter = linter_for(RULE.format(extra='unless: ["changed our .{0,20}policy"]'))
    assert texts(linter, "We changed our company policy, so you qualify.") == []
    assert texts(linter, "We changed our prices.\nPer company policy, no.") == ["company policy"]


def test_unless_reply_applies_to_the_whole_reply(linter_for):
    """An unless-reply exception anywhere in the reply cancels every match; without it, all stand."""
    linter = linter_for(RULE.format(extra='unless-reply: ["\\\\bwe changed our policy\\\\b"]'))
    assert texts(linter, "Per company policy, no.\n\nUpdate: we changed our policy in May.") == []
    assert texts(linter, "Per company policy, no.\n\nMy hands are tied.") == ["company policy", "My hands are tied"]


def test_unless_message_looks_at_the_customers_message(linter_for):
    """An unless-message exception in the customer's message cancels every match; one in the reply does not."""
    linter = linter_for(RULE.format(extra='unless-message: ["\\\\bwhat is your policy\\\\b"]'))
    reply = "Per company policy, no refunds after 30 days."
    assert texts(linter, reply, complaint="What is your policy on refunds?") == []
    assert texts(linter, reply, complaint="Can I have a refund?") == ["company policy"]
    assert texts(linter, reply + " What is your policy, you ask?") == ["company policy"]


def test_lemma_option(linter_for):
    """With lemma: true a phrase finds its inflected forms."""
    linter = linter_for(RULE.format(extra="lemma: true").replace("[company policy]", "[refuse to refund]"))
    assert texts(linter, "We refused to refund it.") == ["refused to refund"]


def test_when_record_and_message_conditions(linter_for):
    """`when` limits a rule to drafts with a customer message and the named record fields."""
    linter = linter_for(RULE.format(extra="when: {message: true, record: [order]}"))
    reply = "Per company policy, no."
    assert texts(linter, reply) == []
    assert texts(linter, reply, complaint="Where is it?") == []
    assert texts(linter, reply, complaint="Where is it?", customer=Customer.from_mapping({"order": "A-1"})) == ["company policy"]


def test_huge_reply_is_linted(plain):
    """A long reply (about 400,000 characters) is linted and every match found."""
    reply = "We looked into it carefully. " * 13000 + "Per company policy, no."
    assert texts(plain, reply) == ["company policy"]


def test_lemma_option_folds_contractions(linter_for):
    """With lemma: true, "can't", "won't", "we're" and curly "don’t" match the spelled-out phrase."""
    phrases = "[we can not refund, we will not refund, we do not refund, we be unable to refund]"
    linter = linter_for(RULE.format(extra="lemma: true").replace("[company policy]", phrases))
    assert texts(linter, "We cannot refund it.") == ["We cannot refund"]
    assert texts(linter, "We can't refund it.") == ["We can't refund"]
    assert texts(linter, "We won't refund it.") == ["We won't refund"]
    assert texts(linter, "We don’t refund it.") == ["We don’t refund"]
    assert texts(linter, "We're unable to refund it.") == ["We're unable to refund"]


def test_lemma_option_keeps_possessive_apart_from_have(linter_for):
    """With lemma: true, a phrase with a possessive 's does not match the same words joined by "have"."""
    linter = linter_for(RULE.format(extra="lemma: true").replace("[company policy]", "[member's responsibility]"))
    assert texts(linter, "It is the member's responsibility.") == ["member's responsibility"]
    assert texts(linter, "Members have responsibility for their own PINs.") == []


def test_words_quoted_as_someone_elses_are_not_the_agents(plain):
    """'You were told "company policy"' reports what the customer heard; the agent's own use still counts."""
    quoted = 'I\'m sorry you were told "it\'s company policy" at the desk; that was wrong.'
    assert texts(plain, quoted) == []
    assert texts(plain, 'Our reply was "company policy", I know.') == ["company policy"]
    assert texts(plain, 'Sadly it is company policy. The sign says "no refunds".') == ["company policy"]


@pytest.mark.parametrize("quote", ["'{}'", '"{}"', "\u2018{}\u2019"])
def test_quotations_of_the_customers_own_message_are_not_the_agents(plain, quote):
    """Quoting back what the customer wrote is listening; the same words unquoted, or not theirs, still count."""
    complaint = "Please don't tell me 'company policy' again. I can't believe it."
    reply = f"You asked me not to use {quote.format('company policy')} again, and you're right."
    assert texts(plain, reply, complaint=complaint) == []
    assert texts(plain, "It's company policy, I'm afraid.", complaint=complaint) == ["company policy"]
    assert texts(plain, reply, complaint="Why was I charged twice?") == ["company policy"]
    # An apostrophe inside a word is no quote mark: "can't ... company policy ... it's" quotes nothing.
    assert texts(plain, "I can't change company policy, it's fixed.", complaint=complaint) == ["company policy"]


@pytest.mark.parametrize("text", [
    "She said 'calm down' to me",
    "It's 'fine', isn't it? 'Really' 'no'",
    "can't won't 'quoted' don't",
    "'start' of text and end 'here'",
    "a'b 'c d' e'f",
])
def test_quotations_open_at_a_quote_mark_not_inside_a_word(text):
    """A single quote opens a quotation only where no letter comes before it: "can't" quotes nothing."""
    from replylint.checks import phrase

    reference = re.compile(r"\"([^\"\n]{1,300})\"|(?<!\w)'((?:[^'\n]|'(?=\w)){1,300}?)'(?!\w)")
    assert [m.span() for m in phrase._QUOTATION.finditer(text)] == [m.span() for m in reference.finditer(text)]
