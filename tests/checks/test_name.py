"""The name check: the name the reply greets or addresses the customer by, against the record."""

from __future__ import annotations

import time

import pytest

from replylint.config import Config
from replylint.engine import Linter
from replylint.model import Customer, Draft
from replylint.rule import load_rule

from ..conftest import ROOT

NAME_RULE = """\
check: name
category: customer-record
message: "'{{match}}' is not {{record}}; write {{expected}}."
options:
  {extra}
examples:
  fail: [{{reply: "Hi Jonh,", customer: {{name: John}}}}]
  pass: [{{reply: "Hi John,", customer: {{name: John}}}}]
"""


@pytest.fixture(scope="module")
def name_linter():
    """The shipped misspelled-name rule alone."""
    return Linter(Config(rules=(load_rule(ROOT / "rules" / "core" / "misspelled-name.yaml"),)))


def found(linter, reply, complaint=None, **record):
    """Return (span text, suggestion) of every finding."""
    customer = Customer.from_mapping(record) if record else None
    report = linter.lint(Draft(reply, complaint, customer))
    return [(reply[f.span.start : f.span.end], f.suggestion) for f in report.findings]


def test_span_counts_characters_after_emoji_and_accents(name_linter):
    """The finding covers exactly the misspelled word, with character offsets."""
    reply = "🙂 Olá!\nHi Jonh,\nDone."
    assert found(name_linter, reply, name="John Smith") == [("Jonh", "John")]


def test_message_names_the_word_and_the_record(name_linter):
    """The message quotes the written name and the name on record."""
    report = name_linter.lint(Draft("Hi Jose,\nDone.", None, Customer(name="José Martínez")))
    assert report.findings[0].message == "'Jose' does not match the name on record, José Martínez."


def test_case_does_not_matter_but_accents_do(name_linter):
    """'hi JOSÉ' is the right name in capitals; 'JOSE' still drops the accent."""
    assert found(name_linter, "hi JOSÉ,\nDone.", name="José Martínez") == []
    assert found(name_linter, "Hi JOSE,\nDone.", name="José Martínez") == [("JOSE", "José")]


def test_decomposed_accents_and_typographic_apostrophes_are_the_same_name(name_linter):
    """José written with a combining accent, O’Connor with a curly apostrophe: both correct."""
    assert found(name_linter, "Hi Jose\u0301,\nDone.", name="José Martínez") == []
    assert found(name_linter, "Dear Ms O\u2019Connor,\nDone.", name="Siobhan O'Connor") == []


def test_no_name_on_record_no_finding(name_linter):
    """Without a record name, or without any record, nothing is compared."""
    assert found(name_linter, "Hi Jonh,\nDone.") == []
    assert found(name_linter, "Hi Jonh,\nDone.", order="A-10452") == []


def test_a_one_character_reply_is_fine(name_linter):
    """A tiny reply yields nothing and raises nothing."""
    assert found(name_linter, "?", name="John Smith") == []


def test_huge_reply_is_linted_quickly(name_linter):
    """A reply of about 100,000 words keeps its greeting finding and stays fast."""
    reply = "Hi Jonh,\n" + "We have refunded order A-10452 today, Jon. " * 12_000
    start = time.perf_counter()
    assert found(name_linter, reply, name="John Smith")[0] == ("Jonh", "John")
    assert time.perf_counter() - start < 30


def test_whole_misspelled_name_is_one_finding(name_linter):
    """Adjacent wrong words make one finding whose suggestion replaces them all."""
    assert found(name_linter, "Dear Siobhan Kelley,\nDone.", name="Siobhán Kelly") == [
        ("Siobhan Kelley", "Siobhán Kelly")
    ]


def test_surname_after_the_right_first_name_is_judged_leniently(name_linter):
    """'Valentina Rizzi' for Valentina Ricci is a misspelled surname, not a middle name."""
    assert found(name_linter, "Dear Valentina Rizzi,\nDone.", name="Valentina Ricci") == [("Rizzi", "Ricci")]


def test_extra_name_beside_the_right_one_is_not_flagged(name_linter):
    """'José Luis' for José Herrera: Luis may be a middle name the record lacks."""
    assert found(name_linter, "Dear José Luis,\nDone.", name="José Herrera") == []


def test_wrong_name_suggests_surname_after_a_title(name_linter):
    """A wrong word after Mr/Ms is compared with, and replaced by, the surname."""
    assert found(name_linter, "Dear Ms Patel,\nDone.", name="Siobhan O'Connor") == [("Patel", "O'Connor")]


def test_direct_address_reports_only_near_misses(name_linter):
    """'Thanks, Jonh.' is a misspelling; 'Thanks, Maria.' may be anyone and is left alone."""
    assert found(name_linter, "Hi John,\nDone. Thanks, Jonh.", name="John Smith") == [("Jonh", "John")]
    assert found(name_linter, "Hi John,\nDone. Thanks, Maria.", name="John Smith") == []


def test_direct_address_with_a_title(name_linter):
    """'Thank you, Mr. Martinez.' is checked as a surname after a title."""
    reply = "Hi José,\nThank you for waiting, Mr. Martinez."
    assert found(name_linter, reply, name="José Martínez") == [("Martinez", "Martínez")]


def test_hyphenated_written_name_is_judged_in_halves(name_linter):
    """'Jose-Luis' for José Luis drops an accent; 'Lars Erik' for Lars-Erik is right."""
    assert found(name_linter, "Hi Jose-Luis,\nDone.", name="José Luis Herrera") == [
        ("Jose-Luis", "José-Luis")
    ]
    assert found(name_linter, "Hi Lars Erik,\nDone.", name="Lars-Erik Håkansson") == []


def test_greeting_and_direct_address_on_one_line_report_once(name_linter):
    """'Hi there, Jonh.' is one mention, reported once."""
    assert found(name_linter, "Hi there, Jonh.\nDone.", name="John Smith") == [("Jonh", "John")]


def test_agent_sign_off_is_not_the_customer(name_linter):
    """Names in the sign-off, on its own line or after 'Regards,', are the agent's."""
    assert found(name_linter, "Hi John,\nDone.\nBest,\nJonh", name="John Smith") == []
    assert found(name_linter, "Hi John,\nDone.\nRegards, Jonh.", name="John Smith") == []


def test_agent_introducing_themself_is_not_a_greeting(name_linter):
    """'Hi, Jon from Acme here' names the agent, not the customer."""
    assert found(name_linter, "Hi, Jon from Acme here.\nDone.", name="John Smith") == []


def test_second_addressee_may_be_anyone(name_linter):
    """In 'Hello Siobhan and Liam', Liam is someone else; a misspelled Siobhan is still found."""
    assert found(name_linter, "Hello Siobhan and Liam,\nDone.", name="Siobhan Kelly") == []
    assert found(name_linter, "Hello Siobahn & Liam,\nDone.", name="Siobhan Kelly") == [
        ("Siobahn", "Siobhan")
    ]


def test_signed_nickname_is_accepted(name_linter):
    """A name the customer signed with is theirs, however far from the record."""
    assert found(name_linter, "Hi Peggy,\nDone.", "It broke.\nPeggy", name="Margaret Smith") == []
    assert found(name_linter, "Hi Peggy,\nDone.", "It broke.", name="Margaret Smith") == [
        ("Peggy", "Margaret")
    ]


def test_particles_belong_to_the_name(name_linter):
    """'Mr van Dijk' is a surname with its particle."""
    assert found(name_linter, "Dear Mr van Dijk,\nDone.", name="Pieter van Dijk") == []


def test_address_word_in_greeting_is_left_to_swapped_fields(name_linter):
    """'Dear Mrs Foster' for Eileen Walker of Foster Lane is swapped-fields' finding, not this rule's."""
    assert found(name_linter, "Dear Mrs Foster,\nDone.", name="Eileen Walker", address="3 Foster Lane") == []


def test_option_greetings(linter_for):
    """A greeting word added in options is recognised."""
    linter = linter_for(NAME_RULE.format(extra="greetings: [howdy]"))
    assert found(linter, "Howdy Maria!\nDone.", name="John Smith") == [("Maria", "John")]
    assert found(linter, "Hi Maria!\nDone.", name="John Smith") == []


def test_option_greeting_lines(linter_for):
    """The greeting is looked for only in the first greeting-lines non-empty lines."""
    reply = "Re: order\n\nRef A-1\nHi Jonh,\nDone."
    assert found(linter_for(NAME_RULE.format(extra="")), reply, name="John Smith") == []
    linter = linter_for(NAME_RULE.format(extra="greeting-lines: 3"))
    assert found(linter, reply, name="John Smith") == [("Jonh", "John")]


def test_option_titles(linter_for):
    """Only the configured titles mark a surname; others are read as names."""
    reply = "Dear Herr Gros,\nDone."
    linter = linter_for(NAME_RULE.format(extra="titles: [herr]"))
    assert found(linter, reply, name="Jürgen Groß") == [("Gros", "Groß")]
    assert found(linter_for(NAME_RULE.format(extra="")), reply, name="Jürgen Groß") == [
        ("Herr Gros", "Jürgen Groß")
    ]


def test_option_not_names(linter_for):
    """A word listed as not a name ends the greeting's names."""
    linter = linter_for(NAME_RULE.format(extra="not-names: [crew]"))
    assert found(linter, "Hi Crew,\nDone.", name="John Smith") == []
    assert found(linter_for(NAME_RULE.format(extra="")), "Hi Crew,\nDone.", name="John Smith") != []


def test_option_sign_offs(linter_for):
    """A sign-off added in options starts the agent's signature."""
    reply = "Hi John,\nDone.\nCiao, Jonh."
    assert found(linter_for(NAME_RULE.format(extra="")), reply, name="John Smith") == [("Jonh", "John")]
    assert found(linter_for(NAME_RULE.format(extra="sign-offs: [ciao]")), reply, name="John Smith") == []


def test_option_third_party(linter_for):
    """A name after a listed role and a comma is someone else."""
    reply = "Hi John,\nI asked our locksmith, Jon."
    assert found(linter_for(NAME_RULE.format(extra="")), reply, name="John Smith") == [("Jon", "John")]
    assert (
        found(linter_for(NAME_RULE.format(extra="third-party: [locksmith]")), reply, name="John Smith") == []
    )


def test_option_min_similarity(linter_for):
    """A stricter similarity turns a far misspelling into a wrong name; a looser one finds more."""
    linter = linter_for(NAME_RULE.format(extra="min-similarity: 0.5"))
    assert found(linter, "Hi Thanks Jhn,\nDone. Thanks, Jhno.", name="John Smith") == [("Jhno", "John")]


def test_option_surname_similarity(linter_for):
    """With surname-similarity 1.0 a different surname after the right first name is left alone."""
    linter = linter_for(NAME_RULE.format(extra="surname-similarity: 1.0"))
    assert found(linter, "Dear Valentina Rizzi,\nDone.", name="Valentina Ricci") == []


def test_option_transliterations(linter_for):
    """Only the transliterations in options are accepted: without ø -> oe, 'Soeren' is a misspelling."""
    reply = "Hi Soeren,\nDone."
    linter = linter_for(NAME_RULE.format(extra="transliterations: {ø: [oe]}"))
    assert found(linter, reply, name="Søren Berg") == []
    linter = linter_for(NAME_RULE.format(extra="transliterations: {ü: [ue]}"))
    assert found(linter, reply, name="Søren Berg") == [("Soeren", "Søren")]
    assert found(linter_for(NAME_RULE.format(extra="")), reply, name="Søren Berg") == [("Soeren", "Søren")]


def test_option_short_forms(linter_for):
    """With short-forms off, 'Chris' for Christopher is a wrong name."""
    reply = "Hi Chris,\nDone."
    assert found(linter_for(NAME_RULE.format(extra="")), reply, name="Christopher Jones") == []
    linter = linter_for(NAME_RULE.format(extra="short-forms: false"))
    assert found(linter, reply, name="Christopher Jones") == [("Chris", "Christopher")]


def test_option_signed_names(linter_for):
    """With signed-names off, a signed nickname is no longer accepted."""
    linter = linter_for(NAME_RULE.format(extra="signed-names: false"))
    assert found(linter, "Hi Peggy,\nDone.", "It broke.\nPeggy", name="Margaret Smith") == [
        ("Peggy", "Margaret")
    ]


def test_option_nickname_fields(linter_for):
    """A record field listed in nickname-fields holds an accepted name."""
    linter = linter_for(NAME_RULE.format(extra="nickname-fields: [goes_by]"))
    assert found(linter, "Hi Peggy,\nDone.", name="Margaret Smith", goes_by="Peggy") == []


def test_message_placeholders(linter_for):
    """{match}, {record} and {expected} are filled in the rule's message."""
    report = linter_for(NAME_RULE.format(extra="")).lint(Draft("Hi Jonh,", None, Customer(name="John Smith")))
    assert report.findings[0].message == "'Jonh' is not John Smith; write John."
