"""boilerplate: a reply of stock sentences that never speaks to the customer's case."""

from __future__ import annotations

import pytest

from replylint.model import Draft

RULE = """\
check: boilerplate
category: canned-reply
message: "stock: {match} ({count})"
options:
  min-sentences: 2
  stock: [thank you for contacting, please note, if you wish to, for more information]
  personal: [i have, let me]
examples:
  fail: [{complaint: "My parcel is late.", reply: "Thank you for contacting us. Please note our hours."}]
  pass: [{complaint: "My parcel is late.", reply: "Thank you for contacting us. I've chased it."}]
"""

STOCK = "Thank you for contacting Acme. If you wish to cancel, give 30 days' notice. For more information, see our site."


@pytest.fixture
def found(linter_for):
    linter = linter_for(RULE)

    def run(reply: str, complaint: str | None = "The pole is down and we have no landline.") -> list[tuple[str, str]]:
        report = linter.lint(Draft(reply, complaint))
        return [(reply[f.span.start : f.span.end], f.message) for f in report.findings]

    return run


def test_stock_sentences_with_no_one_behind_them_are_reported_once(found):
    """Three stock sentences: one finding at the first stock phrase, counting the sentences."""
    assert found(STOCK) == [("Thank you for contacting", "stock: Thank you for contacting (3)")]


def test_a_personal_phrase_anywhere_spares_the_reply(found):
    """An agent saying what they did for this case ("I've") turns the template into a reply."""
    assert found(STOCK + " I've also booked an engineer for Tuesday.") == []
    assert found("Let me sort this. " + STOCK) == []


def test_one_stock_sentence_is_normal(found):
    """Fewer stock sentences than min-sentences: nothing, and two phrases in one sentence count once."""
    assert found("Thank you for contacting us; please note the engineer comes at 9.") == []


def test_without_a_message_there_is_nothing_to_ignore(found):
    assert found(STOCK, complaint=None) == []


UNRELATED = RULE.replace("  min-sentences: 2\n", "  min-sentences: 2\n  max-share: 0.15\n  ignore: [order]\n")
CRACKED = "The water filter cartridges from order WJ-2281 arrived cracked and leaking all over the hallway."


def test_one_stock_sentence_over_another_question_is_reported_with_max_share(linter_for):
    """One stock sentence is enough when the reply takes up almost none of the message's key terms."""
    linter = linter_for(UNRELATED)
    reply = "Thank you for contacting Acme. To skip a month, open My Subscriptions and choose Edit."
    report = linter.lint(Draft(reply, CRACKED))
    assert [f.message for f in report.findings] == ["stock: Thank you for contacting (1)"]


def test_one_stock_sentence_in_a_reply_that_takes_up_the_message_passes(linter_for):
    """The same stock opening, then the customer's own case in their words: related, not reported."""
    linter = linter_for(UNRELATED)
    reply = "Thank you for contacting Acme. New filter cartridges leave today, as the cracked ones leaked."
    assert linter.lint(Draft(reply, CRACKED)).findings == ()


def test_a_message_too_light_to_judge_is_not_reported(linter_for):
    """A message of a few common words ("thanks, all good now") says too little to be ignored."""
    linter = linter_for(UNRELATED)
    reply = "Thank you for contacting Acme. To skip a month, open My Subscriptions and choose Edit."
    assert linter.lint(Draft(reply, "Thanks, all good now!")).findings == ()
