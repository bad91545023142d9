"""deadline: the customer needs something by a date, and the reply never speaks to it."""

from __future__ import annotations

import pytest

from replylint.model import Draft

RULE = """\
check: deadline
category: not-listening
message: "date {match}"
options:
  lead: [by, before, deadline is]
  need: "\\\\b(?:need|can you|deadline)\\\\b"
  timing: "\\\\b(?:in time|tomorrow|express)\\\\b"
examples:
  fail: [{complaint: "I need it by Friday.", reply: "It will arrive in 5 to 7 days."}]
  pass: [{complaint: "I need it by Friday.", reply: "It will arrive on Friday."}]
"""


@pytest.fixture
def given(linter_for):
    linter = linter_for(RULE)

    def run(complaint: str, reply: str) -> list[str]:
        return [f.message for f in linter.lint(Draft(reply, complaint)).findings]

    return run


@pytest.mark.parametrize(("complaint", "said"), [
    ("I fly on Friday. Can you get a new SIM to me before Friday?", "before Friday"),
    ("I need the fit note by Friday 13th.", "by Friday 13th"),
    ("The deadline is this Friday at 5pm and the portal is down.", "deadline is this Friday"),
    ("I need a replacement by Saturday the 12th.", "by Saturday the 12th"),
    ("I need it before the weekend.", "before the weekend"),
    ("I need it by 3 June.", "by 3 June"),
])
def test_a_deadline_the_reply_leaves_alone_is_reported_in_the_customers_words(given, complaint, said):
    assert given(complaint, "Sorry about that! A replacement will reach you within 5 to 7 working days.") == [
        f"date {said}"
    ]


@pytest.mark.parametrize(("reply", "reported"), [
    ("It will arrive on Friday.", False),             # the deadline itself
    ("It will arrive on Thursday.", False),           # a weekday before it
    ("It will arrive on Monday the 9th.", False),     # a day of the month before it
    ("It will arrive on Saturday.", True),            # a weekday after it
    ("It will arrive next Tuesday.", True),           # next week
    ("It will arrive on Tuesday next week.", True),   # next week, said after the day
    ("It was posted last Thursday.", True),           # a day gone by meets nothing
    ("The next slot is Tuesday 17th.", True),         # a day of the month after it
    ("I've sent it by express.", False),              # speaks to the timing
    ("It will arrive in 3 to 5 working days.", True),
])
def test_a_date_in_the_reply_meets_the_deadline_when_it_is_not_after_it(given, reply, reported):
    assert bool(given("I need it by Friday 13th, can you do that?", reply)) is reported


def test_an_earlier_day_whose_weekday_does_not_fit_is_in_the_next_month(given):
    """Friday 28th, then Tuesday 2nd: four days on, in the next month, not 26 days before."""
    complaint = "I need it signed off before Friday 28th."
    assert given(complaint, "The earliest slot is Tuesday 2nd.") == ["date before Friday 28th"]
    assert given(complaint, "The earliest slot is Tuesday 25th.") == []


@pytest.mark.parametrize(("deadline", "reply", "reported"), [
    ("by 20 June", "It will be with you on 2 July.", True),       # a later month
    ("by 20 June", "It will be with you on 25 May.", False),      # an earlier month, a later day
    ("by June 20th", "It will be with you on the 18th.", False),  # the month taken as the same
])
def test_months_are_compared_before_days(given, deadline, reply, reported):
    assert bool(given(f"I need it {deadline}.", reply)) is reported


@pytest.mark.parametrize(("deadline", "reply", "reported"), [
    ("before Friday", "It goes out with your next box on the 24th.", True),  # may be after it: not said to meet it
    ("by the 20th", "It will be with you on Thursday.", False),             # a weekday is at most a week away
])
def test_without_a_calendar_only_a_weekday_is_taken_at_its_word(given, deadline, reply, reported):
    assert bool(given(f"I need it {deadline}.", reply)) is reported


@pytest.mark.parametrize("complaint", [
    "I cancelled before the 14th, so why was I charged?",   # tells what happened: no need in it
    "My order hasn't arrived. I need it soon.",             # no date
    "By Friday I had still heard nothing.",                 # a date, no need in its sentence
])
def test_a_date_that_is_no_deadline_passes(given, complaint):
    assert given(complaint, "I'm sorry. Your parcel is with the courier and arrives in 5 days.") == []


@pytest.mark.parametrize(("complaint", "said"), [
    ("I fly to Spain on Friday 20th and really need them before then.", "Friday 20th"),
    ("The wedding is on Saturday 14th, so I need the dress by then.", "Saturday 14th"),
])
def test_before_then_points_back_to_the_date_named_earlier_in_the_sentence(given, complaint, said):
    assert given(complaint, "Your order takes 10 to 14 working days.") == [f"date {said}"]
    assert given(complaint, "It will be with you on Thursday 12th.") == []


def test_before_then_may_point_back_to_the_sentence_before(given):
    complaint = "I have a job interview on Friday 14 June. Can you get the certificate to me before then?"
    assert given(complaint, "Certificates normally take 10-15 working days.") == ["date Friday 14 June"]
    assert given(complaint, "It will be in your dashboard on Wednesday 12 June.") == []


def test_back_may_point_back_from_a_time_that_day(linter_for):
    """The built-in pack's `back` also reads "out by 1pm that day" as the date named before it."""
    back = '  back: "\\\\b(?:before|by) (?:then|\\\\d{1,2}\\\\s*(?:am|pm) that day)\\\\b"\n'
    linter = linter_for(RULE.replace("  timing:", back + "  timing:"))
    complaint = "We complete on Friday 27th June and need to be out by 1pm that day. Can you do our move?"

    def found(reply: str) -> list[str]:
        return [f.message for f in linter.lint(Draft(reply, complaint)).findings]

    assert found("Our next available date is Tuesday 1st July.") == ["date Friday 27th June"]
    assert found("We can do Friday 27th June, starting at 8am.") == []


def test_before_then_without_a_date_or_a_need_is_no_deadline(given):
    reply = "Your order takes 10 to 14 working days."
    assert given("I really need them before then.", reply) == []  # no date to point back to
    assert given("My parcel came on Friday 20th; the one before then was late.", reply) == []  # no need


def test_without_the_customers_message_nothing_is_reported(given):
    assert given(None, "It will arrive in 5 to 7 working days.") == []


@pytest.mark.parametrize(("complaint", "said"), [
    ("I NEED IT BY FRIDAY.", "BY FRIDAY"),                                    # capitals
    ("The deadline\n is Friday and I need it.", "deadline is Friday"),        # a line break in the lead
    ("I need them BEFORE THEN: the wedding is Saturday 14th.", None),         # then points back to nothing
])
def test_the_lowercase_prefilter_never_hides_a_deadline(given, complaint, said):
    """Leads and `back` are skipped only for a message that lacks their words in lowercase."""
    reply = "Your order takes 10 to 14 working days."
    assert given(complaint, reply) == ([f"date {said}"] if said else [])


def test_a_lead_is_tested_by_its_longest_word():
    """The prefilter's word for each lead phrase: the one a match of the phrase cannot do without."""
    from replylint.checks.deadline import _longest_words

    assert _longest_words(("by", "in time for", "deadline  is", "")) == ("by", "time", "deadline", "")
