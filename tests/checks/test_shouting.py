"""The shouting check: caps runs and "!!" runs, what is not shouting, offsets, and each option."""

from __future__ import annotations

import pytest

from replylint.model import Customer, Draft

RULE = """\
check: shouting
category: rude-tone
message: "'{{match}}' reads as shouting."
options:
  words: [do, not, call, us, you, the, are, i'm, don't]
  allow: [HTTPS, UNICEF]
  sign-off: ["(kind )?regards,?", "thanks!?"]
  {extra}
examples:
  fail: [{{reply: "PLEASE STOP"}}]
  pass: [{{reply: "Thanks!"}}]
"""


@pytest.fixture
def plain(linter_for):
    return linter_for(RULE.format(extra=""))


def texts(linter, reply, **draft):
    return [reply[f.span.start : f.span.end] for f in linter.lint(Draft(reply, **draft)).findings]


def test_span_covers_the_whole_run_after_emoji(plain):
    """One finding spans the consecutive caps words, at character offsets after emoji and accents."""
    reply = "🙂 Olá José, DO NOT CALL US again."
    assert texts(plain, reply) == ["DO NOT CALL US"]


def test_runs_continue_over_commas_but_not_over_sentences_or_lines(plain):
    """Caps words joined by spaces or commas are one run; a full stop or line break ends it."""
    assert texts(plain, "I'M, DON'T call.") == ["I'M, DON'T"]
    assert texts(plain, "DO. NOT.\nCALL\nUS") == []


def test_acronyms_and_codes_are_not_shouting(plain):
    """Short caps words not in `words`, and tokens with digits or hyphens, are acronyms and codes."""
    reply = "Your SIM PIN and PUK, order XJ-200 (A-1234), 4G B2B plan, VAT ID EU GB: OK. WORLD-CLASS ERR_X."
    assert texts(plain, reply) == []


def test_one_long_caps_word_is_shouting_unless_allowed(plain):
    """A single caps word of five letters or more is shouting; one in `allow` is not."""
    assert texts(plain, "This is NEVER our fault, says UNICEF via HTTPS.") == ["NEVER"]


def test_allowed_word_inside_a_run_does_not_count(plain):
    """Allowed words sit inside a run without making it shout."""
    assert texts(plain, "Use UNICEF HTTPS links.") == []
    assert texts(plain, "Use THE UNICEF HTTPS ARE links.") == ["THE UNICEF HTTPS ARE"]


def test_unicode_capitals_are_caps_words(plain):
    """Accented and Greek capitals count; a mixed-case name does not."""
    assert texts(plain, "Zoë, ÜBERALL and ΠΡΟΣΟΧΗ.") == ["ÜBERALL", "ΠΡΟΣΟΧΗ"]


def test_exclamation_runs(plain):
    """Each run of two or more "!" (mixed with "?") is reported; "!", "?!" and "??" are not."""
    reply = "Thanks! Really?! Any questions?? Stop!! Why?!?! No!?!"
    assert texts(plain, reply) == ["!!", "?!?!", "!?!"]


def test_caps_inside_placeholders_urls_and_emails_are_ignored(plain):
    """Caps in [CUSTOMER NAME], a placeholder, a URL, a domain or an email address are not shouting."""
    reply = ("Dear [CUSTOMER NAME], see example.com/RETURNS/FORM, www.ACME.COM or SUPPORTDESK.COM, "
             "or write to HELP@EXAMPLE.COM {{!!}}")
    assert texts(plain, reply) == []


def test_quoted_caps_are_labels(plain):
    """Caps wrapped in quotes or backticks (a screen label) are not shouting; the same words bare are."""
    assert texts(plain, 'The screen says "NO SIGNAL" or `INVALID`.') == []
    assert texts(plain, "The screen says NO SIGNAL.") == ["NO SIGNAL"]


def test_caps_signature_below_a_sign_off_passes(plain):
    """A caps company name under a sign-off line is a signature; above it, it is shouting."""
    signature = "Your refund is sent.\n\nKind regards,\nJonas\nACME TRAVEL GROUP"
    assert texts(plain, signature) == []
    assert texts(plain, "ACME TRAVEL GROUP here.\n\nKind regards,\nJonas") == ["ACME TRAVEL GROUP"]


def test_sign_off_lines_limits_how_far_up_the_sign_off_may_be(linter_for):
    """A sign-off further from the end than `sign-off-lines` does not start a signature."""
    reply = "Regards,\nJonas\nACME TRAVEL GROUP\nline\nline"
    assert texts(linter_for(RULE.format(extra="sign-off-lines: 4")), reply) == []
    assert texts(linter_for(RULE.format(extra="sign-off-lines: 3")), reply) == ["ACME TRAVEL GROUP"]


def test_record_and_complaint_words_are_names_and_codes(plain):
    """Caps words from the customer record (any case) or written in caps by the customer are not shouting."""
    reply = "Dear SIOBHAN, booking HXQPLM for your BOSCHE oven."
    customer = Customer.from_mapping({"name": "Siobhan Byrne", "booking": "HXQPLM"})
    assert texts(plain, reply) == ["SIOBHAN", "HXQPLM", "BOSCHE"]
    assert texts(plain, reply, customer=customer, complaint="My BOSCHE oven broke") == []


def test_min_words_option(linter_for):
    """`min-words` sets how many short shouted words in a row make a finding."""
    linter = linter_for(RULE.format(extra="min-words: 3"))
    assert texts(linter, "DO NOT do that. DO NOT CALL.") == ["DO NOT CALL"]


def test_min_length_option(linter_for):
    """`min-length` sets how long a caps word must be to shout alone."""
    linter = linter_for(RULE.format(extra="min-length: 7"))
    assert texts(linter, "NEVER, and I mean ABSOLUTELY never.") == ["ABSOLUTELY"]


def test_min_exclamations_option(linter_for):
    """`min-exclamations` sets how many "!" make a run; 0 turns the check of "!" off."""
    assert texts(linter_for(RULE.format(extra="min-exclamations: 3")), "Yes!! Yes!!! Yes?!?!") == ["!!!"]
    assert texts(linter_for(RULE.format(extra="min-exclamations: 0")), "Yes!!!") == []


def test_words_option_decides_which_short_words_shout(linter_for):
    """With no `words`, every short caps word is an acronym, so "DO NOT CALL US" passes."""
    linter = linter_for(RULE.format(extra="").replace("words: [do, not, call, us, you, the, are, i'm, don't]",
                                                     "words: []"))
    assert texts(linter, "DO NOT CALL US.") == []


def test_empty_and_huge_replies(plain):
    """A reply of only "!!" is one finding; a 400,000-character reply finds its one caps run at the end."""
    assert texts(plain, "!!") == ["!!"]
    reply = "We looked into it carefully, José, and the SIM is fine. " * 7000 + "DO NOT CALL US."
    assert texts(plain, reply) == ["DO NOT CALL US"]
