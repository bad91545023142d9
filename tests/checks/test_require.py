"""The require check: something must appear, forms that do not count, and when it applies."""

from __future__ import annotations

import pytest

from replylint.model import Draft

RULE = """\
check: require
category: missing-basics
message: No apology.
options:
  lemma: true
  any: [sorry, apologise]
  not: [sorry for any inconvenience, sorry if you feel]
  when: {complaint: true}
examples:
  fail: [{reply: x, complaint: "It arrived broken."}]
  pass: [{reply: Sorry!, complaint: "It arrived broken."}]
"""


@pytest.fixture
def linter(linter_for):
    return linter_for(RULE)


def spans(linter, reply, complaint):
    return [(f.span and reply[f.span.start : f.span.end]) for f in linter.lint(Draft(reply, complaint)).findings]


def test_missing_apology_is_about_the_whole_reply(linter):
    """No apology at all: one finding with no span."""
    assert spans(linter, "A replacement ships today.", "My kettle arrived broken.") == [None]


def test_real_apology_satisfies(linter):
    """Any listed form, inflected, satisfies the rule."""
    assert spans(linter, "We apologised to the courier and I am sorry.", "It arrived broken.") == []
    assert spans(linter, "We apologise that it broke.", "It arrived broken.") == []


def test_non_apology_does_not_count_and_is_pointed_at(linter):
    """A non-apology is no apology, and the finding points at it."""
    reply = "We are sorry for any inconvenience. It ships today."
    assert spans(linter, reply, "It arrived broken.") == ["sorry for any inconvenience"]


def test_not_regex_voids_an_apology_after_a_condition(linter_for):
    """A not-regex shape ("if there was any confusion, we apologise") is no apology, and is pointed at;
    without the option the same words count as one."""
    reply = "If there was any confusion, we apologise. It ships today."
    assert spans(linter_for(RULE), reply, "It arrived broken.") == []
    shaped = linter_for(RULE.replace("  when:", "  not-regex: ['if there was any confusion, we apologi[sz]e']\n  when:"))
    assert spans(shaped, reply, "It arrived broken.") == ["If there was any confusion, we apologise"]
    assert spans(shaped, "We apologise: it arrived broken. It ships today.", "It arrived broken.") == []


def test_non_apology_next_to_a_real_one(linter):
    """A real apology elsewhere still counts."""
    assert spans(linter, "Sorry for any inconvenience. I am truly sorry it broke.", "It arrived broken.") == []


def test_only_for_complaints(linter):
    """A question, praise or no customer message at all needs no apology."""
    assert spans(linter, "Go to Settings > Export.", "How do I export my data?") == []
    assert spans(linter, "Thank you!", "Love the new app, great work.") == []
    assert spans(linter, "Your refund was sent.", None) == []


FOLLOW_UP = """\
check: require
category: unreachable
message: No way to follow up.
options:
  lemma: true
  any: [reply to, let me know, have refunded]
  only-if: [investigate, pass it to, still]
  not: [do not reply]
  when: {complaint: true}
examples:
  fail: [{reply: "We are investigating.", complaint: "It arrived broken."}]
  pass: [{reply: "I have refunded you.", complaint: "It arrived broken."}]
"""


def test_only_if_limits_the_requirement_to_a_problem_still_open(linter_for):
    """Without an only-if phrase nothing is required; a form that does not count is reported anyway."""
    linter = linter_for(FOLLOW_UP)
    complaint = "My parcel never came."
    assert spans(linter, "I'm sorry. Our team is investigating what happened.", complaint) == [None]
    assert spans(linter, "I'm sorry. I passed it to the courier, who is still looking.", complaint) == [None]
    assert spans(linter, "I'm sorry. Our team is investigating; reply to this email with news.", complaint) == []
    assert spans(linter, "I'm sorry. A new parcel leaves today by courier.", complaint) == []
    assert spans(linter, "A new parcel leaves today. Do not reply to this email.", complaint) == ["Do not reply"]


def test_a_regex_match_counts_like_a_listed_form(linter_for):
    """`regex` widens `any`: "how / must have been" with a feeling; a match inside a `not` form does not count."""
    rule = linter_for(
        RULE.replace("  not:", "  regex: ['\\b(how|must have been) (frustrating|a worry)', 'sorry if']\n  not:")
    )
    complaint = "It arrived broken."
    assert spans(rule, "How frustrating! A replacement ships today.", complaint) == []
    assert spans(rule, "That must have been a worry. A replacement ships today.", complaint) == []
    assert spans(rule, "A replacement ships today.", complaint) == [None]
    assert spans(rule, "We're sorry if you feel let down.", complaint) == ["sorry if you feel"]


ENQUIRY = RULE.replace("  when: {complaint: true}\n", "  when: {complaint: true}\n  enquiry-openings: [\"yes\", good news]\n")


def test_an_answer_to_a_message_of_one_problem_needs_no_apology(linter_for):
    """A sentence opening with "Yes" reads the message as a question: with one problem word, rightly so."""
    linter = linter_for(ENQUIRY)
    message = "Do you offer payment plans? I can't pay it all up front."
    assert spans(linter, "Hi Ana, we do: three monthly payments.", message) == [None]
    assert spans(linter, "Hi Ana,\n\nYes, we do: three monthly payments.", message) == []
    assert spans(linter, "Hi Ana. Good news: we do.", message) == []


def test_an_answer_to_a_message_of_two_problems_still_needs_one(linter_for):
    """Two problems make a complaint whatever the reply's opening; a "yes" mid-sentence opens nothing."""
    linter = linter_for(ENQUIRY)
    assert spans(linter, "Yes, a new one ships today.", "It arrived broken and the lid is cracked.") == [None]
    assert spans(linter, "We said yes to a new one.", "Can I have another? It arrived broken.") == [None]
