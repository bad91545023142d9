"""The reference check: reference numbers in the reply against the customer's message and record."""

from __future__ import annotations

import pytest

from replylint.config import Config
from replylint.engine import Linter
from replylint.model import Customer, Draft
from replylint.rule import load_rule

from ..conftest import ROOT

REFERENCE_RULE = """\
check: reference
category: customer-record
message: "'{{match}}' is not {{label}} {{expected}} from {{source}}."
options:
  {extra}
examples:
  fail: [{{reply: "Order A-10425.", complaint: "Order A-10452."}}]
  pass: [{{reply: "Order A-10452.", complaint: "Order A-10452."}}]
"""
LABELS = "labels: {order: [order], account: [account]}"  # the check has none of its own


@pytest.fixture(scope="module")
def reference_linter():
    """The shipped wrong-reference rule alone."""
    return Linter(Config(rules=(load_rule(ROOT / "rules" / "core" / "wrong-reference.yaml"),)))


def found(linter, reply, complaint=None, **record):
    """Return (span text, suggestion) of every finding."""
    customer = Customer.from_mapping(record) if record else None
    report = linter.lint(Draft(reply, complaint, customer))
    return [(reply[f.span.start : f.span.end], f.suggestion) for f in report.findings]


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


def test_hyphenated_digit_groups_are_one_plain_number(reference_linter):
    """A marketplace order number "204-7781365" is compared whole, and suggested as written; a date or a
    phone number of the same shape needs a label to be read as a reference."""
    assert found(reference_linter, "I've looked up order 204-7718365.", "Order 204-7781365 came wrong.") == [
        ("204-7718365", "204-7781365")
    ]
    assert found(reference_linter, "I've looked up order 204-7718365.", order="204-7781365") == [
        ("204-7718365", "204-7781365")
    ]
    assert found(reference_linter, "Order 204-7781365 is on its way.", "Order 204-7781365 came wrong.") == []
    assert found(reference_linter, "Your visit is on 2024-05-21.", "My 2024-05-12 visit was missed.") == []


def test_groups_of_a_longer_number_are_not_references(reference_linter):
    """The groups of a spaced phone number are not the card number a word before them names."""
    reply = "If it fails again, call the number on the back of your card (+44 20 7946 0321)."
    assert found(reference_linter, reply, card="****7964") == []
    assert found(reference_linter, "Your card ending 7946 is unblocked.", card="****7964") == [("7946", "7964")]


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


def test_labels_come_only_from_options(linter_for):
    """Without labels in options no word names a kind: 'order 10425' is then an unlabelled number."""
    reply, complaint = "Order 10425 is refunded.", "My order 10452 broke."
    assert found(linter_for(REFERENCE_RULE.format(extra="")), reply, complaint) == []
    assert found(linter_for(REFERENCE_RULE.format(extra=LABELS)), reply, complaint) == [("10425", "10452")]


def test_option_ignore_labels(linter_for):
    """A number after an ignored label is never a reference."""
    linter = linter_for(REFERENCE_RULE.format(extra="ignore-labels: [parcel]"))
    assert found(linter, "Parcel A-10425 left today.", "Order A-10452.") == []


def test_option_tail_words(linter_for):
    """Words in tail-words make a plain number a reference."""
    reply, complaint = "Account finishing 4417 is fine.", "My account ending 4471."
    assert found(linter_for(REFERENCE_RULE.format(extra=LABELS)), reply, complaint) == [("4417", "4471")]
    reply = "The one finishing 4417 is fine."
    linter = linter_for(REFERENCE_RULE.format(extra=f"{LABELS}\n  tail-words: [finishing, ending]"))
    assert found(linter, reply, complaint) == [("4417", "4471")]


def test_option_new_markers(linter_for):
    """A word in new-markers before a number says it is new."""
    linter = linter_for(REFERENCE_RULE.format(extra="new-markers: [spare]"))
    assert found(linter, "Your spare order A-10453 ships.", "Order A-10452.") == []


def test_option_label_window(linter_for):
    """Only label-window words before a number can label it."""
    reply, complaint = "Order for the garden table 10425 is refunded.", "Order 10452."
    assert found(linter_for(REFERENCE_RULE.format(extra=LABELS)), reply, complaint) == []
    linter = linter_for(REFERENCE_RULE.format(extra=f"{LABELS}\n  label-window: 6"))
    assert found(linter, reply, complaint) == [("10425", "10452")]


def test_option_min_length_and_min_digits(linter_for):
    """Shorter codes and numbers are compared once the minimums are lowered."""
    reply, complaint = "Order A-125 and order 125.", "Order A-152 and order 152."
    assert found(linter_for(REFERENCE_RULE.format(extra=LABELS)), reply, complaint) == []
    linter = linter_for(REFERENCE_RULE.format(extra=f"{LABELS}\n  min-length: 4\n  min-digits: 3"))
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
