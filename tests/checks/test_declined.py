"""declined: the reply makes the offer the customer turned down."""

from __future__ import annotations

import pytest

from replylint.model import Draft

RULE = """\
check: declined
category: not-listening
message: "said {said}, given {match}"
options:
  refuse: [don't want, not after]
  offers:
    refund: [refund, money back]
    voucher: [voucher]
  max-gap: 4
  breaks: [to, except]
  unless: ["instead of", "\\\\?"]
examples:
  fail: [{complaint: "I don't want a refund.", reply: "I've refunded you."}]
  pass: [{complaint: "I want a refund.", reply: "I've refunded you."}]
"""


@pytest.fixture
def given(linter_for):
    linter = linter_for(RULE)

    def run(complaint: str, reply: str) -> list[tuple[str, str]]:
        report = linter.lint(Draft(reply, complaint))
        return [(reply[f.span.start : f.span.end], f.message) for f in report.findings]

    return run


def test_the_turned_down_offer_is_reported_with_the_customers_words(given):
    found = given("It came in XL. I don't want a refund, I want the M.", "Sorry! I've refunded £34 to your card.")
    assert found == [("refunded", "said don't want a refund, given refunded")]


def test_each_offer_in_a_list_of_refusals_counts(given):
    complaint = "I'm not after a refund or a voucher, I want my dinner."
    assert [span for span, _ in given(complaint, "Here is a voucher.")] == ["voucher"]
    assert [span for span, _ in given(complaint, "Your money back is on its way.")] == ["money back"]


@pytest.mark.parametrize("complaint", [
    "Please refund me, it arrived broken.",               # no refusal at all
    "I don't want to wait weeks for a refund.",           # a break word: the refusal is of waiting
    "I don't want anything except a refund.",             # a break word: the refund is wanted
    "I don't want the blue one, it looks cheap and nasty and also a refund would be fine.",  # too far
    "You sent a box I don't want. Refund it, please.",  # another sentence: the box is refused
])
def test_a_refund_the_customer_did_not_turn_down_passes(given, complaint):
    assert given(complaint, "I've refunded £20 to your card.") == []


@pytest.mark.parametrize("reply", [
    "I've sent the M instead of a refund.",   # unless: heard and ruled out
    "Would a refund help?",                   # unless: only asked
    "The M is on its way today.",             # never offered
])
def test_a_reply_that_heard_the_refusal_passes(given, reply):
    assert given("I don't want a refund, I want the M.", reply) == []


def test_one_finding_per_offer(given):
    reply = "I've refunded the shirt. The refund reaches your card in 3 days."
    assert [span for span, _ in given("I don't want a refund.", reply)] == ["refunded"]


def test_an_offer_pointed_back_at_is_turned_down(given):
    """ "You offered a voucher. I don't want that." turns the voucher down; "it to happen" refuses nothing."""
    complaint = "Your agent offered me a voucher on the phone. I don't want that, I want my dinner refunded."
    assert given(complaint, "I've added a voucher to your account.") == [
        ("voucher", "said voucher on the phone. I don't want that, given voucher")
    ]
    assert given("I got a voucher last time. I don't want it to happen again.", "Here is a voucher.") == []
    # Two sentences back is too far to point at.
    far = "I got a voucher. The soup was cold. I don't want that, I want it fixed."
    assert given(far, "Here is a voucher.") == []
