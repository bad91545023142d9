"""The relevance check: off-topic replies, unanswered questions and advice the customer already tried."""

from __future__ import annotations

import time

import pytest

from replylint.config import Config
from replylint.engine import Linter
from replylint.model import Customer, Draft
from replylint.packs import builtin_dir
from replylint.rule import load_rule

TOPICS = """\
  topics:
    refund: [refund, money back]
    delivery: [delivery, parcel, package, courier, arrive]
    damaged item: [broken, crack, damage]
    food: [breakfast, buffet, dinner]
    noise: [noise, drilling, construction]
"""

OFF_TOPIC = """\
check: relevance
category: not-listening
message: "asked {asked}, answered {answered}: '{match}'"
options:
  off-topic: true
  max-shared: 1.0
  signoff: [kind regards]
%s%s
examples:
  fail: [{reply: x}]
  pass: [{reply: y}]
"""

QUESTIONS = """\
check: relevance
category: not-listening
message: "unanswered: {match}"
options:
  questions: true
  interrogatives: [how, why, when will, can you, is there]
  ask: [i'd like to know]
  ignore: [thanks]
%s%s
examples:
  fail: [{reply: x}]
  pass: [{reply: y}]
"""

TRIED = """\
check: relevance
category: not-listening
message: "tried: {match}"
options:
  tried: true
  already: [already, three times]
  advice: [please try, try, you can]
  acknowledge: [you've already, thanks for trying]
%s
examples:
  fail: [{reply: x}]
  pass: [{reply: y}]
"""


def found(linter, reply, complaint, customer=None):
    """Return (span text or None, message) for each finding."""
    report = linter.lint(Draft(reply, complaint, customer))
    return [(reply[f.span.start : f.span.end] if f.span else None, f.message) for f in report.findings]


@pytest.fixture
def off_topic(linter_for):
    return linter_for(OFF_TOPIC % ("  remedies: [refund]\n", TOPICS))


@pytest.fixture
def questions(linter_for):
    return linter_for(QUESTIONS % ("", TOPICS))


@pytest.fixture
def tried(linter_for):
    return linter_for(TRIED % "")


# off-topic


def test_off_topic_points_at_the_other_topic_and_names_both(off_topic):
    """The finding's span is the first word of the reply's topic; the message names both topics."""
    complaint = "Construction noise started at 7am every day next to our window."
    reply = "Dear Hélène, I'm sorry the buffet closed early and breakfast was cold."
    assert found(off_topic, reply, complaint) == [("buffet", "asked noise, answered food: 'buffet'")]


def test_off_topic_passes_the_same_topic_in_other_words(off_topic):
    """A reply on the customer's topic, in other words from the lexicon, passes."""
    complaint = "My parcel still hasn't come."
    assert found(off_topic, "The courier lost the package, so I've sent another.", complaint) == []


def test_remedies_are_no_other_issue(off_topic, linter_for):
    """A refund answering a broken item passes; without `remedies` it is another topic."""
    complaint = "My blender arrived with a cracked jug."
    reply = "I'm so sorry. I've refunded the full £49 today."
    assert found(off_topic, reply, complaint) == []
    strict = linter_for(OFF_TOPIC % ("", TOPICS))
    assert [span for span, _ in found(strict, reply, complaint)] == ["refunded"]


def test_off_topic_needs_a_complaint_and_topics_on_both_sides(off_topic):
    """No customer message, or a message or reply without topics: nothing to compare."""
    assert found(off_topic, "Your breakfast voucher is attached.", None) == []
    assert (
        found(off_topic, "Thank you, I've passed your kind words on.", "Thanks to Keoni for the cake!") == []
    )
    assert found(off_topic, "I've passed your kind words on.", "The drilling woke us up.") == []


def test_sharing_the_customers_rare_words_is_on_topic(linter_for):
    """A reply that takes up a rare word of the message passes; max-shared sets how much is enough."""
    complaint = "The drilling next to our honeymoon suite started at 7am."
    reply = "Congratulations on the honeymoon, and enjoy the suite! Breakfast is served until ten."
    assert found(linter_for(OFF_TOPIC % ("", TOPICS)), reply, complaint) == []
    strict = linter_for((OFF_TOPIC % ("", TOPICS)).replace("max-shared: 1.0", "max-shared: 5.0"))
    assert [span for span, _ in found(strict, reply, complaint)] == ["Breakfast"]


def test_signature_after_the_signoff_is_not_the_reply(off_topic):
    """Topic words in the signature (a company name) count neither for nor against the reply."""
    complaint = "Construction noise started at 7am every day next to our window."
    reply = (
        "Dear Hélène,\nI'm sorry the buffet closed early.\n"
        + "Kind regards,\nSophie\nNoise Free Breakfast Hotel"
    )
    assert [span for span, _ in found(off_topic, reply, complaint)] == ["buffet"]
    on_topic = "Dear Hélène,\nI've booked you a quiet room.\nKind regards,\nSophie\nNoise Free Hotel"
    assert found(off_topic, on_topic, complaint) == []


def test_off_topic_offsets_survive_emoji_and_curly_quotes(off_topic):
    """The span is in characters of the original reply, after emoji and typographic quotes."""
    reply = "🙂 “Bonjour” Zoë — we’re sorry the buffet closed."
    assert [span for span, _ in found(off_topic, reply, "The drilling woke us up at 7am.")] == ["buffet"]


# unanswered questions


def test_unanswered_question_is_quoted_and_about_the_whole_reply(questions):
    """A skipped question gives one finding with no span that quotes it."""
    complaint = "Hi Jade. Why was my card declined at Tesco yesterday?"
    assert found(questions, "Your paper statements are now switched off.", complaint) == [
        (None, "unanswered: Why was my card declined at Tesco yesterday?")
    ]


def test_long_question_is_shortened_at_a_word(questions):
    """A question longer than the quote limit is cut at a word boundary with an ellipsis."""
    complaint = (
        "Why was my Tesco card declined yesterday at the self-checkout till when I had more than enough "
        "money in the account to cover the whole shop?"
    )
    [(_, message)] = found(questions, "Your paper statements are now switched off.", complaint)
    quoted = message.removeprefix("unanswered: ")
    assert quoted.endswith("…") and len(quoted) <= 70 and complaint.startswith(quoted[:-1])


def test_each_question_strung_on_a_sentence_is_judged_alone(questions):
    """In "why X, and how do I Y?" an answer to Y does not answer X."""
    complaint = "Why has my electricity bill doubled this quarter, and how do I send meter readings online?"
    reply = "To send readings online, log in and choose Meter readings."
    assert found(questions, reply, complaint) == [
        (None, "unanswered: Why has my electricity bill doubled this quarter")
    ]


def test_a_question_strung_between_others_needs_no_listed_opening(questions):
    """In "can you X, and is Y, and can we Z?" the middle clause asks too, though "is garage" is no opening."""
    complaint = "Can you put a cot in our room, and is garage parking extra, and can we bring our own cot?"
    reply = "Yes, there will be a cot in your room, and you are welcome to bring your own."
    assert found(questions, reply, complaint) == [(None, "unanswered: is garage parking extra")]
    assert found(questions, reply + " Garage parking is free.", complaint) == []


def test_a_question_strung_on_after_an_adverb_is_judged_alone(questions):
    """In "is there X, can you Y, and roughly when will Z?" the "roughly" does not hide the third question,
    so the list splits at its commas and the skipped middle one is reported."""
    complaint = (
        "Is there step-free access to the stalls, can you seat my guide dog with me, "
        "and roughly when will the show finish?"
    )
    reply = "Yes, there is step-free access to the stalls. The show should finish around 5.30pm."
    assert found(questions, reply, complaint) == [(None, "unanswered: can you seat my guide dog with me")]


def test_synonyms_take_up_a_question_in_other_words(linter_for):
    """With a synonym group, "repay" takes up "will you reimburse the taxi?"; without it, it does not."""
    complaint = "My flight was cancelled at midnight. Will you reimburse the taxi fare to the hotel?"
    reply = "I'm sorry about the cancellation. Send me the receipt and we'll repay you within a week."
    plain = linter_for(QUESTIONS % ("", TOPICS))
    assert found(plain, reply, complaint) == [(None, "unanswered: Will you reimburse the taxi fare to the hotel?")]
    grouped = linter_for(QUESTIONS % ("  synonyms: {pay back: [reimburse, repay]}\n", TOPICS))
    assert found(grouped, reply, complaint) == []


def test_a_list_of_questions_is_split_at_its_commas(questions):
    """ "Why X, how Y, and why Z?" asks three things; "I want a refund, why so slow?" is one question."""
    complaint = (
        "Why were the teeth removed without a call, how can I claim the cost back from insurers, "
        "and why is the invoice £212 higher than the estimate?"
    )
    reply = "Your insurers accept our claim form for the cost. The invoice is higher by £212 for X-rays."
    assert found(questions, reply, complaint) == [
        (None, "unanswered: Why were the teeth removed without a call")
    ]


def test_every_clause_of_a_sentence_that_asks_asks_but_not_a_heading(questions):
    """ "Is my pass valid, and can you send another?" asks twice; "Postponed gig:" only names the subject."""
    complaint = (
        "Postponed Glastonbury gig: is my Roundhouse pass still valid, and can you send a replacement?"
    )
    assert found(questions, "We can send a replacement today.", complaint) == [
        (None, "unanswered: is my Roundhouse pass still valid")
    ]
    assert (
        found(
            questions,
            "Your Roundhouse pass is valid on the new date, and a replacement is on its way.",
            complaint,
        )
        == []
    )


def test_an_answer_to_one_alternative_answers_the_other(questions):
    """ "Is my pass valid, or do you send another?" asks one thing; a clause too light to judge answers nothing."""
    complaint = "Postponed Glastonbury gig: is my Roundhouse pass still valid, or can you send a replacement?"
    assert found(questions, "We can send a replacement today.", complaint) == []
    assert found(questions, "Your Roundhouse pass is valid on the new date.", complaint) == []
    light = (
        "Is my Roundhouse pass still valid, or can you send new ones?"  # "send new ones" weighs too little
    )
    assert found(questions, "The gig moved to 2 December.", light) == [
        (None, "unanswered: Is my Roundhouse pass still valid")
    ]


def test_a_numbered_question_is_answered_under_its_number(questions):
    """ "3) When does the offer end?" is answered by a reply line "3) On Friday", whatever its words."""
    complaint = "Three things: 1) Can I add my mum? 2) Is there a Huawei version? 3) When does the offer end?"
    reply = (
        "Hi Dan,\n1) Yes, up to five people.\n2) Yes, search for Tally on Google Play.\n3) Friday at noon."
    )
    assert found(questions, reply, complaint) == []
    assert found(questions, reply.replace("2) Yes", "Also, yes"), complaint) == [
        (None, "unanswered: Is there a Huawei version?")
    ]


def test_a_two_letter_acronym_is_a_key_term(questions):
    """ "Can we bring our own DJ?" is about the DJ, though two-letter words are no key terms."""
    complaint = "Can our DJ play in the orangery marquee?"
    assert found(questions, "Your DJ is welcome from 4pm.", complaint) == []
    assert len(found(questions, "We look forward to it.", complaint)) == 1


def test_answered_with_the_customers_words_or_topic(questions):
    """Touching a key term, or covering the question's topic in other words, answers it."""
    assert (
        found(
            questions,
            "Your electricity bill went up with the new tariff.",
            "Why has my electricity bill doubled?",
        )
        == []
    )
    assert found(questions, "Your package is out for delivery today.", "When will my parcel arrive?") == []


def test_questions_without_question_marks(questions):
    """An interrogative opening or an `ask` phrase makes a question; a plain 'when' clause does not."""
    reply = "Thanks for your message."
    assert len(found(questions, reply, "Can you reverse the minibar charges on booking NG-81120")) == 1
    assert (
        len(found(questions, reply, "I'd like to know why the construction noise was never mentioned.")) == 1
    )
    assert found(questions, reply, "When I got there the minibar charges were already on the bill.") == []


def test_an_opening_is_the_first_word_or_first_two_words():
    """A sentence opens with its first one or two words, after any punctuation, in its first 60 characters."""
    from replylint import asking

    openings = frozenset({"how", "can you", "what's"})
    assert asking.opens("How long will it take", openings)
    assert asking.opens("... Can   you help", openings)
    assert asking.opens("(what's the fee", openings)
    assert asking.opens(" " * 57 + "how", openings)
    assert not asking.opens(" " * 58 + "how", openings)  # ends past the 60th character
    assert not asking.opens("Can I help", openings)
    assert asking.opens("Can... you", openings)
    assert not asking.opens("Anyhow, how", openings)  # a word, not the start of one
    assert not asking.opens("Well then, how", openings)  # only the first two words count
    assert not asking.opens("", openings)
    assert not asking.opens("12 34", openings)


def test_common_words_alone_are_never_reported(questions, linter_for):
    """'What now?' has no key terms; min-weight decides how much a question needs."""
    assert found(questions, "Our tracing team is on it.", "What now? Why is this happening to me?") == []
    lenient = linter_for(QUESTIONS % ("  min-weight: 5.0\n", TOPICS))
    complaint = "Why was my card declined at Tesco yesterday?"
    assert found(lenient, "Your statements are switched off.", complaint) == []


def test_max_coverage_allows_a_common_word_in_common(linter_for):
    """Touching a small share of the question's weight still reports it when max-coverage allows."""
    complaint = "Can you stop the sync and remove the duplicates?"
    reply = "If the sync has stopped, reconnect it in Settings."
    strict = linter_for(QUESTIONS % ("  max-coverage: 0.0\n", TOPICS))
    lenient = linter_for(QUESTIONS % ("  max-coverage: 0.5\n", TOPICS))
    assert found(strict, reply, complaint) == []
    assert len(found(lenient, reply, complaint)) == 1


def test_numbers_weigh_number_weight(linter_for):
    """An amount counts toward a question's weight only as much as number-weight says."""
    complaint = "How did you get to £410 and £1,150?"
    reply = "Claims are decided within ten working days."
    assert found(linter_for(QUESTIONS % ("  number-weight: 0.0\n", TOPICS)), reply, complaint) == []
    assert len(found(linter_for(QUESTIONS % ("  number-weight: 1.0\n", TOPICS)), reply, complaint)) == 1


def test_the_customers_own_name_is_no_key_term(questions):
    """A question made heavy only by the customer's unusual name is not reported."""
    complaint = "Can you tell Siobhán Ní Bhriain?"
    assert found(questions, "Hello!", complaint, Customer(name="Siobhán Ní Bhriain")) == []


def test_drafts_in_a_batch_do_not_share_their_analysis(questions):
    """Linting many drafts in a row judges each against its own message."""
    complaint = "Why was my card declined at Tesco yesterday?"
    drafts = [
        Draft("Your card was declined by Tesco's terminal; it works again now.", complaint),
        Draft("Your paper statements are now switched off.", complaint),
        Draft("Your card was declined by Tesco's terminal; it works again now.", complaint),
    ]
    assert [len(report.findings) for report in questions.lint_many(drafts)] == [0, 1, 0]


# advice already tried


def test_repeated_advice_points_at_the_advice_sentence(tried):
    """The span is the advising sentence, without its surrounding whitespace."""
    complaint = "I've already restarted the router 3 times today and unplugged it."
    reply = "Sorry about that.\n\n  Please try a restart: switch the router off at the wall.  \n\nThanks"
    assert found(tried, reply, complaint) == [
        ("Please try a restart: switch the router off at the wall.", f"tried: {complaint}")
    ]


def test_steps_listed_under_advice_are_advice(tried):
    """The steps under "Could you try the following:" advise, to the end of their paragraph."""
    complaint = "The printer rejects the cartridge. I've already wiped the gold contacts with a soft cloth."
    steps = (
        "Could you try the following:\n1. Wipe the gold contacts with a soft cloth.\n2. Restart the printer."
    )
    assert found(tried, f"Sorry about that.\n\n{steps}\n\nThanks", complaint) == [
        ("Wipe the gold contacts with a soft cloth.", f"tried: {complaint.split('. ')[1]}")
    ]
    # The steps may follow a blank line; a paragraph after them tells what we did, and advises nothing.
    assert len(found(tried, steps.replace(":\n", ":\n\n"), complaint)) == 1
    told = f"{steps}\n\nWe wiped the gold contacts with a soft cloth before it was sent."
    assert [span for span, _ in found(tried, told, complaint)] == ["Wipe the gold contacts with a soft cloth."]


def test_acknowledged_attempts_and_new_advice_pass(tried):
    """Advice that acknowledges the attempt, or shares no two key terms with it, is fine."""
    complaint = "I've already restarted the router three times."
    assert found(tried, "You've already restarted the router, so please try the cable next.", complaint) == []
    assert found(tried, "Please try plugging the hub into the master socket.", complaint) == []


def test_a_count_of_mishaps_is_no_attempt(linter_for):
    """'three times' counts tries, unless the sentence counts what went wrong."""
    counted = linter_for(TRIED.replace("already: [already, three times]", "already: [already]") % (
        "  counts: [three times]\n  mishaps: [log me out, wrong]"
    ))
    advice = "Please try resetting the thermostat on the boiler panel."
    tries = found(counted, advice, "Resetting the thermostat on the boiler panel three times has not helped.")
    assert [span for span, _ in tries] == [advice]
    assert found(counted, advice, "I set the thermostat on the boiler panel wrong three times.") == []
    assert found(counted, advice, "The boiler panel app logged me out three times at the thermostat page.") == []


def test_amounts_and_ids_are_not_what_was_tried(tried):
    """Sharing an order number and an amount with an 'already' sentence is no repeated advice."""
    complaint = "I already paid £19.99 twice for order MT-55091."
    assert found(tried, "You can see order MT-55091 for £19.99 in your account.", complaint) == []


RESEND = """\
check: relevance
category: not-listening
message: "tried: {match}"
options:
  tried: true
  already: [already]
  advice: [please, could you]
  acknowledge: [you sent]
%s
examples:
  fail: [{reply: x}]
  pass: [{reply: y}]
"""


def test_acknowledgements_are_matched_as_written(linter_for):
    """ "you sent" acknowledges; "could you send" is no acknowledgement, though its lemmas are the same."""
    rule = linter_for(RESEND % "")
    complaint = "I already sent the damage photos and the courier receipt."
    assert len(found(rule, "Please send us the damage photos and the courier receipt.", complaint)) == 1
    assert len(found(rule, "Could you send the damage photos and the courier receipt?", complaint)) == 1
    assert (
        found(rule, "Thanks, you sent the damage photos; please send the courier receipt too.", complaint)
        == []
    )


@pytest.mark.parametrize(
    ("reply", "reported"),
    [
        ("Could you please send us a photo of the box?", True),  # one shared word, asked for again
        ("Could you also send us a photo of the label?", False),  # asks for more than was sent
        ("Please keep the photo for your records.", False),  # advice, but asks for nothing to be sent
    ],
)
def test_asking_again_for_what_was_sent_takes_one_shared_word(linter_for, reply, reported):
    rule = linter_for(RESEND % "  resend: [send us]\n  additional: [also]\n  min-resend: 0.3")
    complaint = "The box arrived crushed. I already sent a photo on Tuesday."
    assert bool(found(rule, reply, complaint)) is reported
    assert found(linter_for(RESEND % ""), reply, complaint) == []  # without resend: two words needed


def test_min_overlap_option(linter_for):
    """min-overlap sets how much weight the advice must share with what was tried."""
    complaint = "I already cleared the cache and reinstalled the app."
    reply = "Please try clearing the cache and reinstalling the app."
    assert len(found(linter_for(TRIED % "  min-overlap: 1.0"), reply, complaint)) == 1
    assert found(linter_for(TRIED % "  min-overlap: 9.0"), reply, complaint) == []


# edges


@pytest.mark.parametrize("complaint", ["", "   ", "?", "🙂🙂🙂"])
def test_empty_or_wordless_messages(off_topic, questions, tried, complaint):
    """A message with no words gives no finding and no error."""
    for linter in (off_topic, questions, tried):
        assert found(linter, "Please try restarting the router.", complaint) == []


def test_huge_reply_is_linted_quickly(questions):
    """A reply of thousands of sentences is handled in well under a few seconds."""
    reply = "Your parcel is on its way with the courier. " * 3000
    start = time.perf_counter()
    assert found(questions, reply, "When will my parcel arrive?") == []
    assert time.perf_counter() - start < 10


def test_core_rules_share_one_topic_lexicon():
    """off-topic and unanswered-question carry the same topics, so they agree on what a topic is."""
    core = builtin_dir() / "core"
    off, unanswered = (load_rule(core / f"{name}.yaml") for name in ("off-topic", "unanswered-question"))
    assert off.options.topics == unanswered.options.topics


def test_core_rules_with_a_realistic_draft():
    """The three core rules each find their own mistake in one draft, and nothing else."""
    core = builtin_dir() / "core"
    rules = tuple(
        load_rule(core / f"{n}.yaml") for n in ("off-topic", "unanswered-question", "already-tried")
    )
    linter = Linter(Config(rules=rules))
    complaint = (
        "Internet keeps dropping every half hour. I've already restarted the router 3 times today. "
        "Why has my bill gone up from £29.99 to £33.49 this month?"
    )
    reply = (
        "Hi Piotr,\n\nThe first thing to try is a restart: switch the router off at the wall.\n\nThanks,\nZoe"
    )
    ids = sorted(f.rule_id for f in linter.lint(Draft(reply, complaint)).findings)
    assert ids == ["already-tried", "unanswered-question"]


def test_a_question_or_wish_is_not_something_tried(linter_for):
    """After a not-after word, "I set" asks how ("how do I set up") instead of saying it was done."""
    linter = linter_for((TRIED % "  not-after: [do, can]\n").replace("already: [", "already: [i set, "))
    advice = "You can set the router firmware to auto-update."
    assert [span for span, _ in found(linter, advice, "I set the router firmware to auto-update.")] == [
        advice
    ]
    assert found(linter, advice, "How do I set the router firmware to auto-update?") == []
    assert found(linter, advice, "Can I set the router firmware to auto-update?") == []


def test_a_rare_word_left_alone_outweighs_answered_topics(linter_for):
    """The reply covers the question's topic (replacement), but never says whether to recycle."""
    complaint = "The grinder arrived cracked. Do I have to return the broken one, or may I recycle it?"
    reply = "I'm sorry it arrived cracked. A replacement grinder leaves our warehouse today."
    lenient = linter_for(QUESTIONS % ("", TOPICS))
    strict = linter_for(QUESTIONS % ("  rare: 0.8\n", TOPICS))
    assert found(lenient, reply, complaint) == []
    assert [message for _, message in found(strict, reply, complaint)] == [
        f"unanswered: {complaint.split('. ')[1]}"
    ]


def test_min_hits_one_passing_word_is_not_another_topic(linter_for):
    """With min-hits 2, a reply needs two words of other topics to be about something else."""
    complaint = "Construction noise started at 7am every day next to our window."
    passing = (
        "I'm sorry about the drilling outside; we have moved you to a quiet room, and breakfast is on us."
    )
    away = "I'm sorry the buffet closed early and breakfast was cold."
    lenient = linter_for(OFF_TOPIC % ("", TOPICS))
    strict = linter_for(OFF_TOPIC % ("  min-hits: 2\n", TOPICS))
    one_word = "I'm sorry. Breakfast is on us tomorrow."
    assert [span for span, _ in found(lenient, one_word, complaint)] == ["Breakfast"]
    assert found(strict, one_word, complaint) == []
    assert [span for span, _ in found(strict, away, complaint)] == ["buffet"]
    assert found(strict, passing, complaint) == []  # on topic: the drilling
    # Two passing words of two topics are not a reply about either.
    assert found(strict, "I'm sorry. Breakfast is on us, and the courier brings earplugs.", complaint) == []


def test_a_yes_or_no_sharing_a_key_term_answers_the_question(linter_for):
    """ "Yes, we'll cover essentials" answers "will you cover the toiletries?" without its rare words."""
    complaint = (
        "My suitcase never arrived. Will you cover the toiletries and clothes I've had to buy? "
        "And can you courier the suitcase to Fethiye?"
    )
    yes = (
        "I'm so sorry. Yes, we'll cover reasonable essentials: keep your receipts. It goes to Fethiye today."
    )
    elsewhere = (
        "I'm so sorry. We'll cover reasonable essentials: keep your receipts. Yes, it goes to Fethiye today."
    )
    answering = linter_for(QUESTIONS % ('  answers: ["yes", "no"]\n', TOPICS))
    plain = linter_for(QUESTIONS % ("", TOPICS))
    assert found(answering, yes, complaint) == []
    assert [message for _, message in found(plain, yes, complaint)] == [
        f"unanswered: {complaint.split('? ')[0].split('. ')[1]}?"
    ]
    # Of two questions, the yes must open the sentence that takes up the question's words.
    assert len(found(answering, elsewhere, complaint)) == 1


def test_the_first_question_is_answered_by_any_yes_or_no(linter_for):
    """ "Can the staff give it to him?" "Yes, we can." is an answer, whatever words follow the yes."""
    answering = linter_for(QUESTIONS % ('  answers: ["yes", "no"]\n', TOPICS))
    complaint = "Mateo takes an antihistamine. Can the counsellors hand it out if I pack it in his rucksack?"
    assert found(answering, "Yes, we can. There's one form to fill in first.", complaint) == []
    assert len(found(answering, "There's one form to fill in first.", complaint)) == 1
    # Of two questions, a yes answers the first; the second still needs its own answer.
    two = complaint + " And can you store his inhaler in the first-aid cabin?"
    assert [m for _, m in found(answering, "Yes, we can. There's one form to fill in first.", two)] == [
        "unanswered: And can you store his inhaler in the first-aid cabin?"
    ]


@pytest.mark.parametrize(
    ("answering", "complaint", "reply", "question"),
    [
        # A yes answers the first question that asks yes or no: "It can: ..."
        (
            '  answers: ["it can:"]\n',
            "How much is it to add a second SIM to my plan? And can the data be shared between the two?",
            "A second SIM is £8 a month. It can: both SIMs draw from the same 100GB allowance.",
            "And can the data be shared between the two?",
        ),
        # A sentence that grants it, in other words: "Can I swap it?" "An exchange is no problem".
        (
            "  grants: [is no problem]\n",
            "The navy jumper came instead of the olive one. Can I swap it rather than get a refund?",
            "Sorry about our picking mistake. An exchange is no problem: the olive one is reserved for you.",
            "Can I swap it rather than get a refund?",
        ),
    ],
)
def test_a_yes_or_no_in_other_words_answers_the_question(linter_for, answering, complaint, reply, question):
    """Answered without the question's words, by a yes or a grant; without them, the question is reported."""
    with_answers = linter_for(QUESTIONS % (answering + "  yes-no: [can, is]\n", TOPICS))
    plain = linter_for(QUESTIONS % ("  yes-no: [can, is]\n", TOPICS))
    assert found(with_answers, reply, complaint) == []
    assert [m for _, m in found(plain, reply, complaint)] == [f"unanswered: {question}"]


def test_a_yes_sharing_only_a_common_word_does_not_answer(linter_for):
    """ "Yes, you can transfer them for free" shares only "free" with "is there step-free access?"."""
    strict = linter_for(QUESTIONS % ('  answers: ["yes"]\n  min-answer: 0.3\n', TOPICS))
    lenient = linter_for(QUESTIONS % ('  answers: ["yes"]\n', TOPICS))
    complaint = (
        "Can I transfer my two tickets to my sister? Also, she uses a wheelchair - "
        "is there step-free access to the seats?"
    )
    reply = "Yes, you can transfer both tickets to your sister for free in the app."
    assert [m for _, m in found(strict, reply, complaint)] == [
        "unanswered: Also, she uses a wheelchair - is there step-free access to the seats?"
    ]
    assert found(lenient, reply, complaint) == []


def test_yes_to_both_answers_every_question(linter_for):
    """ "Yes and yes!" answers two questions at once, whatever words follow."""
    both = linter_for(QUESTIONS % ("  answers-all: [yes and yes, yes to both]\n", TOPICS))
    plain = linter_for(QUESTIONS % ("", TOPICS))
    complaint = "Can you deliver on a Saturday? And will the drivers take our old sofa away?"
    reply = "Yes and yes! I've booked Saturday 14 June, and the team will take the old one for recycling."
    assert found(both, reply, complaint) == []
    assert len(found(plain, reply, complaint)) == 1


def test_a_message_opening_with_why_is_answered_by_a_reason(linter_for):
    """ "Why has my direct debit jumped?" "The reason is that your readings were estimates" answers it,
    in other words; a reason does not answer a why asked later, about another thing."""
    reasons = linter_for(QUESTIONS % ("  why: [why]\n  reasons: [the reason, because]\n", TOPICS))
    plain = linter_for(QUESTIONS % ("", TOPICS))
    reply = "The reason is that your last two meter readings were estimates, so a shortfall built up."
    opening = "Why has my direct debit jumped from £95 to £148 a month? Nobody told me."
    assert found(reasons, reply, opening) == []
    assert len(found(plain, reply, opening)) == 1
    later = "My miles never posted from the Bangalore flight. Why does my profile show Bronze membership?"
    assert len(found(reasons, "The miles didn't post because the number was missing.", later)) == 1


def test_a_refusal_answers_the_first_question_when_it_asks_yes_or_no(linter_for):
    """ "Can we reschedule without losing the £110?" "Unfortunately our terms..." is an answer, if not a
    welcome one; "Why was I charged £110?" "Unfortunately..." is none."""
    refusing = linter_for(
        QUESTIONS % ("  refusals: [unfortunately]\n  yes-no: [can, could, surely]\n", TOPICS)
    )
    plain = linter_for(QUESTIONS % ("", TOPICS))
    reply = "Unfortunately our terms state that teams arriving late forfeit their session."
    can = "We missed our slot because of a motorway crash. Can we reschedule without losing the £110?"
    assert found(refusing, reply, can) == []
    assert len(found(plain, reply, can)) == 1
    # A greeting before it still leaves a yes-or-no question.
    assert found(refusing, reply, "Hiya, can we reschedule without losing the £110?") == []
    assert len(found(refusing, reply, "Why was I charged £110 for rescheduling?")) == 1
    # Only the first question: a later one still needs its own answer.
    two = can + " And can you send the invoice to my accountant?"
    assert [m for _, m in found(refusing, reply, two)] == [
        "unanswered: And can you send the invoice to my accountant?"
    ]


def test_a_clause_that_speaks_of_asking_asks_nothing(linter_for):
    """ "Sorry if this is a silly question, but how do I...?" asks one question, not two."""
    complaint = "Sorry if this is a silly question, but how do I point my domain at the new server?"
    reply = "An A record holding the server's IP address does it: add it under DNS settings."
    plain = linter_for(QUESTIONS % ("", TOPICS))
    aside = linter_for(QUESTIONS % ("  asides: [question]\n", TOPICS))
    assert [m for _, m in found(plain, reply, complaint)] == ["unanswered: Sorry if this is a silly question"]
    assert found(aside, reply, complaint) == []


def test_uncommon_words_left_alone_together_outweigh_answered_topics(linter_for):
    """A refund does not answer whether the sibling discount still applies, though both are money."""
    complaint = (
        "He has chickenpox. If we move him to week 5, does the sibling discount for his sister still apply?"
    )
    reply = "I'm sorry he's poorly. I've refunded week 3 in full."
    topics = TOPICS.replace("refund: [refund, money back]", "refund: [refund, money back, discount]")
    lenient = linter_for(QUESTIONS % ("  rare: 0.9\n", topics))
    strict = linter_for(QUESTIONS % ("  rare: 0.9\n  rare-words: 1.4\n", topics))
    assert found(lenient, reply, complaint) == []
    assert len(found(strict, reply, complaint)) == 1
    # Answered in the question's own words, it stays answered.
    assert found(strict, "Yes, the sibling discount for his sister still applies in week 5.", complaint) == []


@pytest.mark.parametrize(
    ("reply", "reported"),
    [
        ("Your minimum term on account BB-33 ends on 14 August.", False),  # a date
        ("Engineers usually visit within two to three weeks.", False),  # a span of time
        ("Our engineers can come at 10am.", False),  # a clock time
        ("You can leave without paying anything extra.", True),  # no time at all
    ],
)
def test_a_question_asking_for_a_time_is_answered_by_a_date_or_a_span(linter_for, reply, reported):
    """ "How long...?" and "tell me when..." are answered by a time in any words; other questions are not."""
    timely = linter_for(QUESTIONS % ("  timely: [how long, tell me when]\n", TOPICS))
    complaint = "Could you tell me when my broadband contract finishes? How long does a fibre splice take?"
    assert len(found(timely, reply, complaint)) == (2 if reported else 0)
    assert len(found(linter_for(QUESTIONS % ("", TOPICS)), reply, complaint)) == 2
    # A question that asks no time is not answered by one.
    assert len(found(timely, reply, "Why does a fibre splice need a landline?")) == 1


@pytest.mark.parametrize(
    ("reply", "reported"),
    [
        ("Outside the EU the Worldwide Pass is £5 a day for 1 GB.", False),  # an amount
        ("Outside the EU the Worldwide Pass is free of charge for members.", False),  # free
        ("Outside the EU the Worldwide Pass is the way to go.", True),  # no price at all
    ],
)
def test_a_question_asking_for_a_price_is_answered_by_a_price(linter_for, reply, reported):
    """ "Roughly what will data cost?" is answered by a price in any words; other questions are not."""
    pricing = linter_for(
        QUESTIONS % ("  pricing: [cost, how much]\n  price: '[£$€]\\d|\\bfree of charge\\b'\n", TOPICS)
    )
    complaint = "I'm off to Japan next month. Roughly what will mobile data cost me there?"
    assert len(found(pricing, reply, complaint)) == (1 if reported else 0)
    assert len(found(linter_for(QUESTIONS % ("", TOPICS)), reply, complaint)) == 1
    # A question that asks no price is not answered by one.
    assert len(found(pricing, reply, "Does my plan include mobile data in Japan?")) == 1


def test_a_question_that_vents_is_not_reported(linter_for):
    """ "What am I supposed to tell my board??" vents; "When is it supposed to arrive?" asks."""
    venting = linter_for(QUESTIONS % ("  rhetorical: '\\?\\?|\\bwhat am I supposed to\\b'\n", TOPICS))
    reply = "I'm so sorry. We've restored your workspace from last night's backup."
    complaint = "Your update wiped our dashboards. What am I supposed to tell my board at the 3pm meeting%s"
    assert found(venting, reply, complaint % "??") == []
    assert found(venting, reply, complaint % "?") == []
    assert len(found(linter_for(QUESTIONS % ("", TOPICS)), reply, complaint % "??")) == 1
    assert len(found(venting, reply, "My new sofa hasn't come. When is the sofa supposed to arrive?")) == 1


def test_a_feature_request_is_answered_by_taking_the_suggestion(linter_for):
    """ "Would you consider adding X?" is answered by "thanks for the suggestion", in whatever words."""
    noting = linter_for(QUESTIONS % ("  wishes: [consider adding]\n  noted: [suggestion]\n", TOPICS))
    complaint = "Would you consider adding oat milk to your breakfast menu?"
    taken = "Thanks for the suggestion! Our menu team reviews ideas every quarter."
    assert found(noting, taken, complaint) == []
    assert len(found(linter_for(QUESTIONS % ("", TOPICS)), taken, complaint)) == 1
    # Only a question that asks for something new: a suggestion taken answers no other question.
    assert len(found(noting, taken, "Why was the oat milk missing from my breakfast order?")) == 1
