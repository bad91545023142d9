"""The record check: names, reference numbers and swapped fields against the message and record."""

from __future__ import annotations

import time

import pytest

from replylint.config import Config
from replylint.engine import Linter
from replylint.errors import ReplylintError
from replylint.model import Customer, Draft
from replylint.rule import load_rule

from ..conftest import ROOT

NAME_RULE = """\
check: record
category: customer-record
message: "'{{match}}' is not {{record}}; write {{expected}}."
options:
  find: name
  {extra}
examples:
  fail: [{{reply: "Hi Jonh,", customer: {{name: John}}}}]
  pass: [{{reply: "Hi John,", customer: {{name: John}}}}]
"""

REFERENCE_RULE = """\
check: record
category: customer-record
message: "'{{match}}' is not {{label}} {{expected}} from {{source}}."
options:
  find: reference
  {extra}
examples:
  fail: [{{reply: "Order A-10425.", complaint: "Order A-10452."}}]
  pass: [{{reply: "Order A-10452.", complaint: "Order A-10452."}}]
"""


def builtin(rule_id: str) -> Linter:
    return Linter(Config(rules=(load_rule(ROOT / "rules" / "core" / f"{rule_id}.yaml"),)))


@pytest.fixture(scope="module")
def name_linter():
    return builtin("misspelled-name")


@pytest.fixture(scope="module")
def reference_linter():
    return builtin("wrong-reference")


@pytest.fixture(scope="module")
def swapped_linter():
    return builtin("swapped-fields")


def found(linter, reply, complaint=None, **record):
    """Return (span text, suggestion) of every finding."""
    customer = Customer.from_mapping(record) if record else None
    report = linter.lint(Draft(reply, complaint, customer))
    return [(reply[f.span.start : f.span.end], f.suggestion) for f in report.findings]


# Names ------------------------------------------------------------------------------------------------


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
    """A transliteration removed from options makes 'Soeren' a misspelling."""
    reply = "Hi Soeren,\nDone."
    assert found(linter_for(NAME_RULE.format(extra="")), reply, name="Søren Berg") == []
    linter = linter_for(NAME_RULE.format(extra="transliterations: {ü: [ue]}"))
    assert found(linter, reply, name="Søren Berg") == [("Soeren", "Søren")]


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


def test_unknown_find_is_an_error(linter_for):
    """A find: value other than name, reference or swapped-fields is reported with the rule file."""
    with pytest.raises(ReplylintError, match="find must be one of"):
        linter_for(NAME_RULE.format(extra="").replace("find: name", "find: nmae"))


# Reference numbers ------------------------------------------------------------------------------------


def test_transposed_code_from_the_message(reference_linter):
    """A code two digits off the message's is found, spanned exactly, with the right one suggested."""
    reply = "Olá! I've checked booking EC-905417 today."
    assert found(reference_linter, reply, "Booking EC-904517 was cancelled.") == [("EC-905417", "EC-904517")]


def test_message_says_where_the_right_number_is(reference_linter):
    """The message names the kind of reference and where it came from."""
    draft = Draft(
        "Order A-10425 is refunded.", "My order A-10452 broke.", Customer.from_mapping({"order": "A-10452"})
    )
    message = reference_linter.lint(draft).findings[0].message
    assert message == "'A-10425' does not match order A-10452 in the customer's message and the record."


def test_masked_record_number(reference_linter):
    """A record showing only the last digits (****7730) is compared with 'card ending ...'."""
    assert found(reference_linter, "Your card ending 7703 is unblocked.", card="****7730") == [
        ("7703", "7730")
    ]
    assert found(reference_linter, "Your card ending 7730 is unblocked.", card="****7730") == []


def test_plain_numbers_need_a_label(reference_linter):
    """An unlabelled number near a known one is not a reference: amounts, years, quantities."""
    assert found(reference_linter, "We refunded 10425 points in 2024.", "My order 10452 broke.") == []
    assert found(reference_linter, "Order 10425 is refunded.", "My order 10452 broke.") == [
        ("10425", "10452")
    ]


def test_amounts_dates_and_phone_numbers_are_not_references(reference_linter):
    """Money, dates, times, phone and tracking numbers are never compared."""
    reply = "We refunded £104.52 on 14/10/2024 at 10:45. Call 0800 104 5200; tracking A-10453."
    assert found(reference_linter, reply, "Order A-10452, £104.52, 14/10/2024.") == []


def test_no_message_and_no_record_no_finding(reference_linter):
    """With nothing to compare with, nothing is reported."""
    assert found(reference_linter, "Order A-10425 is refunded.") == []


def test_new_numbers_are_not_mistakes_unless_transposed(reference_linter):
    """A replacement order one off the old is new; the old one with two digits swapped is a typo."""
    complaint = "My order A-10452 broke."
    assert found(reference_linter, "Your replacement order A-10453 ships today.", complaint) == []
    assert found(reference_linter, "I've reissued order A-10425.", complaint) == [("A-10425", "A-10452")]


def test_different_number_with_the_same_label(reference_linter):
    """A different number labelled like the only known one of its shape is the wrong one."""
    assert found(reference_linter, "Order A-20987 was delivered.", "Order A-10452 never came.") == [
        ("A-20987", "A-10452")
    ]
    assert found(reference_linter, "Ticket T-20987 is open.", "Order A-10452 never came.") == []


def test_products_and_plans_are_not_references(reference_linter):
    """A short unlabelled code (a product) and a record field not named like a reference are not compared."""
    complaint = "The XLF-200 course is too basic. Order ED-52239."
    reply = "Our XLF-400 course may suit you better; order ED-52239 is refunded."
    assert found(reference_linter, reply, complaint, course="XLF-200", order="ED-52239") == []
    assert found(reference_linter, "Plan PRO-20211 is active.", plan="PRO-20212") == []


def test_option_labels(linter_for):
    """A kind of reference added in options labels plain numbers."""
    reply, complaint = "Locker 48213 is open.", "My locker 48123 is stuck."
    assert found(linter_for(REFERENCE_RULE.format(extra="")), reply, complaint) == []
    linter = linter_for(REFERENCE_RULE.format(extra="labels: {locker: [locker]}"))
    assert found(linter, reply, complaint) == [("48213", "48123")]


def test_option_ignore_labels(linter_for):
    """A number after an ignored label is never a reference."""
    linter = linter_for(REFERENCE_RULE.format(extra="ignore-labels: [parcel]"))
    assert found(linter, "Parcel A-10425 left today.", "Order A-10452.") == []


def test_option_tail_words(linter_for):
    """Words in tail-words make a plain number a reference."""
    reply, complaint = "Account finishing 4417 is fine.", "My account ending 4471."
    assert found(linter_for(REFERENCE_RULE.format(extra="")), reply, complaint) == [("4417", "4471")]
    reply = "The one finishing 4417 is fine."
    linter = linter_for(REFERENCE_RULE.format(extra="tail-words: [finishing, ending]"))
    assert found(linter, reply, complaint) == [("4417", "4471")]


def test_option_new_markers(linter_for):
    """A word in new-markers before a number says it is new."""
    linter = linter_for(REFERENCE_RULE.format(extra="new-markers: [spare]"))
    assert found(linter, "Your spare order A-10453 ships.", "Order A-10452.") == []


def test_option_label_window(linter_for):
    """Only label-window words before a number can label it."""
    reply, complaint = "Order for the garden table 10425 is refunded.", "Order 10452."
    assert found(linter_for(REFERENCE_RULE.format(extra="")), reply, complaint) == []
    linter = linter_for(REFERENCE_RULE.format(extra="label-window: 6"))
    assert found(linter, reply, complaint) == [("10425", "10452")]


def test_option_min_length_and_min_digits(linter_for):
    """Shorter codes and numbers are compared once the minimums are lowered."""
    reply, complaint = "Order A-125 and order 125.", "Order A-152 and order 152."
    assert found(linter_for(REFERENCE_RULE.format(extra="")), reply, complaint) == []
    linter = linter_for(REFERENCE_RULE.format(extra="min-length: 4\n  min-digits: 3"))
    assert found(linter, reply, complaint) == [("A-125", "A-152"), ("125", "152")]


def test_option_max_edits_and_transpositions(linter_for):
    """max-edits allows more typos; transpositions: false stops a far swap from counting."""
    reply, complaint = "I checked A-10852.", "Order A-10425 is late."
    assert found(linter_for(REFERENCE_RULE.format(extra="")), reply, complaint) == []
    assert found(linter_for(REFERENCE_RULE.format(extra="max-edits: 2")), reply, complaint) == [
        ("A-10852", "A-10425")
    ]
    reply = "I checked A-50421."
    assert found(linter_for(REFERENCE_RULE.format(extra="")), reply, complaint) == [("A-50421", "A-10425")]
    assert found(linter_for(REFERENCE_RULE.format(extra="transpositions: false")), reply, complaint) == []


# Swapped fields ---------------------------------------------------------------------------------------


def test_greeting_by_street_name(swapped_linter):
    """'Dear Mrs Jackson' for Jane Johnson of Jackson Street points at Jackson and suggests Johnson."""
    reply = "Dear Mrs Jackson,\nDone."
    assert found(swapped_linter, reply, name="Jane Johnson", address="12 Jackson Street") == [
        ("Jackson", "Johnson")
    ]


def test_address_written_with_the_surname(swapped_linter):
    """'12 Johnson Street' for 12 Jackson Street points at Johnson and suggests Jackson."""
    reply = "Dear Mrs Johnson,\nIt goes to 12 Johnson Street."
    assert found(swapped_linter, reply, name="Jane Johnson", address="12 Jackson Street") == [
        ("Johnson", "Jackson")
    ]


def test_name_that_is_also_a_street_is_fine(swapped_linter):
    """Anna Foster of Foster Lane may be greeted as Ms Foster."""
    reply = "Dear Ms Foster,\nIt goes to 3 Foster Lane."
    assert found(swapped_linter, reply, name="Anna Foster", address="3 Foster Lane") == []


def test_town_at_the_end_of_an_address_is_not_a_greeting(swapped_linter):
    """'...to 28 Hawthorn Avenue, Norwich.' ends an address; it does not address anyone."""
    reply = "Dear Priscilla,\nA new card is on its way to 28 Hawthorn Avenue, Norwich."
    record = {"name": "Priscilla Mbeki", "address": "28 Hawthorn Avenue, Norwich"}
    assert found(swapped_linter, reply, **record) == []


def test_customer_whose_surname_is_a_street_word(swapped_linter):
    """John Lane of 3 Foster Lane: 'John Lane' in the reply is his name, not a swapped address."""
    reply = "Dear John Lane,\nIt goes to 3 Foster Lane."
    assert found(swapped_linter, reply, name="John Lane", address="3 Foster Lane, Derby") == []


def test_option_address_fields(linter_for):
    """Only fields named in address-fields are read as the address."""
    rule = REFERENCE_RULE.replace("find: reference", "find: swapped-fields")
    reply = "Dear Mrs Jackson,\nDone."
    assert (
        found(linter_for(rule.format(extra="")), reply, name="Jane Johnson", home="12 Jackson Street") == []
    )
    linter = linter_for(rule.format(extra="address-fields: [home]"))
    assert found(linter, reply, name="Jane Johnson", home="12 Jackson Street") == [("Jackson", "Johnson")]
