"""Is the customer's message a complaint? Problems count; questions, requests and praise do not."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from replylint import Draft, Linter
from replylint.complaint import _candidate_shapes, evidence, lexicon

CORPUS = Path(__file__).parent.parent / "corpus"


@pytest.fixture(scope="module")
def parse():
    parser = Linter()._parser
    return lambda message: parser.parse(Draft("Thanks for writing.", message))


@pytest.mark.parametrize(
    "message",
    [
        "My blender arrived broken and the jug leaks.",
        "I was charged twice for my subscription this month!",
        "No internet since 7pm last night, router shows a red light.",
        "My flight was cancelled three hours before departure.",
        "Hired a car and they charged me €90 more. I want the £90 back.",
        "Why have you taken 2 direct debits this month??",
        "The engineer never came, no call, nothing.",
        "Why was I charged twice for one order?",
        "The parcel arrived 3 days late and the box was crushed.",
        "I can't find my refund anywhere and it's been two weeks.",
        "The app won't let me check in for my flight tomorrow.",
        "The shop on Mill Road was closed when I came to collect my order at 3pm.",
        "Order 4411\nBroken screen on arrival.",
        "Two things:\n- Damaged box\n- Cracked lid",
        # "When" with a subject tells when it happened; it asks nothing.
        "When I collected my bike there was a deep scratch along the top tube.",
        # Not the customer's slip after all, or more wrong than the slip.
        "It wasn't my fault, your servers crashed and I lost my rank points.",
        "I accidentally ordered two, and the one that came is cracked and leaking.",
        "I waited 55 minutes past my appointment time and had to leave without being seen.",
        "You closed my account without warning and ignored my emails.",
        "My box was left out in the rain. Everything was soaked and I had to throw the lot away.",
        "You want an extra £640 for scaffolding that was never mentioned. That's not fair.",
        "My merino jumper came back two sizes smaller. What are you going to do about it?",
        "I was charged £64 but the bouquet was £49. The checkout added an extra I never selected.",
        "Since the back glass repair the wireless charging no longer works.",
        "There's a £60 late cancellation fee on my account. Surely that can't be right?",
        "You keep ignoring my emails about the refund.",
        "You've charged my card €60 as a late return fee. I have the receipt. Please reverse it.",
        # Asking before buying, but with two things wrong already.
        "Before I book again: last time the tuner never came, and he charged me twice.",
        # Before buying, told in the past: it tells what happened.
        "I checked the size chart before I ordered, and the jacket arrived broken.",
        # Things gone, and a connection that drops, with no how-to asked.
        "Two parcels signed for at reception last week have disappeared. I need to know where they are.",
        "The Wi-Fi keeps kicking me off every few minutes on the 3rd floor.",
        # A feature asked for, with two things wrong besides.
        "Feature idea: a pause button. Also the app crashed and I was charged twice for one ride.",
        # A promise, then what happened.
        "Your team told me my mortgage offer would be issued last Tuesday. It wasn’t. I need it by Friday.",
        "Still the same issue with the lights after the repair.",
        # Said plainly, without a problem word: a charge they never agreed to, a delivery short.
        "I was charged £149 for an annual renewal I didn't expect. Can I get this refunded?",
        "Order FC-8813067 arrived without the eggs and the butter. Can I have a refund please?",
        "I've now had my slot cancelled twice in one week with no explanation.",
        "I was billed for the Premium plan but I downgraded to Basic last month. Can you refund the difference?",
        "The broadband hub you sent keeps restarting itself every hour or so. Can you send a replacement?",
        "I'm disputing the £220 charge for a scuff on the alloy wheel.",
        "Third power cut this month on our street. Is anything being done?",
        "My parcel was marked delivered but it's not here. I've checked with neighbours. Where is it?",
        "I bought the gem pack last night and PayPal shows £39.99 taken, but the gems never appeared.",
        "I've just had a letter saying my account is in arrears, but I pay by direct debit. What's going on?",
        "We had to leave a day early because of a family emergency. Can we have a refund for the last night?",
        "You delivered small boxes instead of the large ones I ordered.",
        "I've been fined £25 for parking outside a bay. How was I supposed to know?",
        "The sofa was delivered with a ripped cushion cover. We paid £1,400 for it.",
        "I was charged a £35 overdraft fee because your direct debit came out two days earlier than my bill said.",
        "Your app update deleted all my saved recipes. Years of notes, gone.",
        "I've been double-booked on my dental appointment twice now.",
        "I've just opened my storage unit and my sofa is covered in mould. What are you going to do about it?",
        # A device that will not do its job, a size that is wrong, a third email.
        "The laptop I bought three weeks ago won't charge any more, with two different chargers.",
        "The trainers are a full size too small even though I ordered my usual 38.",
        "This is my third email about my router. The light is flashing orange. What do I do now?",
        # A device that will not stop, money still held, a table split and gouged.
        "Since the new thermostat went in, the heating won't turn off. The house is 27 degrees.",
        "I returned the car on 2 August and the €300 deposit is still held on my card. When is it released?",
        "The oak table has a deep gouge across the top and one leg is split. Can you replace it?",
    ],
)
def test_problems_make_a_complaint(parse, message):
    """A message reporting that something went wrong is a complaint."""
    assert parse(message).is_complaint


@pytest.mark.parametrize(
    "message",
    [
        "How do I export my invoices as a CSV file?",
        "Your order is split into two parcels: is the second one coming this week?",
        "How long do refunds usually take to reach my card?",
        "I need to cancel my landlord policy from 15 August. Do I get anything back?",
        "Do I need to send the Samsung back when my contract ends?",
        "Just wanted to say thanks to the crew who fixed the burst main on Sunday. Brilliant service.",
        "Everything arrived, no problems at all. Can I order the same again?",
        "How do I move a task to another project without losing the comments?",
        "Could you send the terms? I want to check if a cracked screen is covered.",
        "Can we enforce SSO for everyone except two break-glass admin accounts?",
        "Half my team works late, could you add a dark mode?",
        "How can I change the delivery address on my order? I can't find an edit button anywhere.",
        "Where do I enter my visa number? The app won't let me finish the form.",
        "Hello, I've moved house. Please update my address to 4 Orchard Close, Bath BA2 3LP.",
        "I can't work out how to export my contacts to a spreadsheet. Is it possible?",
        "We're staying this weekend. Is late check-out possible on Sunday?",
        "My son lost his teddy on your train and your lost property team found it. He is over the moon!",
        "I'd like to close my current account. What do I need to do?",
        "I know you offer freezes but I don't want a freeze, I want to cancel my membership.",
        # A worry about what may come, and a date something is wanted back by.
        "I dropped the keys in the box. Just checking it was logged so I don't get charged an extra day.",
        "Can you true my back wheel? I need it back before Friday for a race.",
        # The customer's own slip, which they want help with.
        "I paid my bill twice by mistake. Can I have one of the payments back?",
        "I deleted the email with my tickets by accident and the show is tonight!! Help please.",
        "All sorted now, thanks. Just letting you know so you can close the ticket.",
        "Sorry, false alarm! I found my pass in my other jacket. You can ignore my earlier email.",
        # Closing an account, and not coming back, ask for nothing back.
        "I moved out on Saturday. Please close my account and send the final bill.",
        "I'm moving abroad. I saw you offer a pause, but I don't want that, I won't be back.",
        "The new booths are brilliant, and Mo is a star: he sorted my parcel mix-up in two minutes.",
        "I know there's a penalty if I leave before May, that's fine. Please end my plan on 1 March.",
        # Taking a message back once it sorted itself out.
        "Ignore my last email, my son had set the thermostat to Eco Lock. All working now. Thanks!",
        "Ignore my email from this morning, the parcel was with my neighbour all along!",
        # Opening hours, a date that no longer suits, a copy asked for, a consequence.
        "Can you confirm my car will be ready by 5pm? I need to collect before the showroom closes.",
        "Can I move my delivery? The 18th no longer works for us. Any chance of the 22nd?",
        "Can you send me a copy of the agreement I signed? I can't find it.",
        "I need a VAT invoice. Finance needs it before Friday or I can't claim it back.",
        # Thanks, the customer's own side, a problem now over, a worry, a figure of speech.
        "I PASSED this morning! Please pass on a massive thank you to Anita. Couldn't have done it without her.",
        "Small problem on our side: our holiday clashes with week 2. Could we move him to week 4?",
        "The motion zone problem I had last month is now fixed. Can my mum get access on her own phone?",
        "Is it possible to pause Leo's lessons in August? I'm worried about losing his Thursday slot.",
        "I still prefer a paper statement if truth be told. Could you tell me how to pay in a cheque?",
        "The storm brought down my neighbour's tree onto my fence. Nobody hurt. Do I claim on my policy?",
        # Praise with nothing broken; a question before buying, about a fault of the customer's own piano.
        "Thanks to Kev and the team for Saturday, absolute legends, nothing broken. Could I have a VAT invoice?",
        "A few questions before I book. A couple of the bass keys stick down. Can the tuner fix that too?",
        "Thinking of buying the doorbell, but our internet drops out a lot. Does it still record offline?",
        "Before I renew, could you send your policy on price increases? I want to know how often prices can go up.",
        # A feature asked for, with the trouble it would save; a symptom in a how-to question.
        "Feature idea: could you add a pause option? I pop into shops and hope nobody takes the scooter.",
        "How do I move a task to another project? When I copy it the comments disappear.",
        # "Issued" is no issue; a where-to question is no fault.
        "How do I void an invoice? I issued it to the wrong client by mistake.",
        "I can't find where to enter my pension contributions. Where is it?",
        # A wish, and praise that mentions a breakdown on the way.
        "Would love to be able to export timesheets grouped by project. Our accountant keeps asking. Any plans?",
        "Your driver Marek was fantastic. Our lift was broken and he carried all 9 bags up to the 5th floor.",
        # The customer's own doing, or a problem already over.
        "Hi, my debit card expired at the end of last month. How do I update it in the app?",
        "I entered my PIN wrong three times and now my card is blocked. Can you unblock it?",
        "The refund for the returned boots landed today. All sorted, thanks for your help.",
        "My Astra failed its MOT at another garage yesterday. Could you quote me for new front discs?",
        "I think I've made a mistake: I put the wrong start date on my travel insurance. Am I covered?",
        "I'm really anxious about my filling next Tuesday. Last time at another dentist was awful.",
        "Can we move on Sunday 15th? It's the only day my husband isn't working.",
        "Our son Theo is 4 and can't swim at all. Is Starfish the right level?",
        "Suggestion: it would be so much easier if I could book online. I can never get through by phone.",
        # A fee the customer wants to avoid has not been charged.
        "I'd like to avoid a late fee. Can I pay on Monday instead?",
        # The customer clears us, or the slip is theirs.
        "The power cut wiped the clock on the oven you sold us. Not your fault obviously. The manual is missing too.",
        "My screen is broken - I dropped it on the tiles, completely my own doing. How much is a new one?",
        "Just wondering how much longer the roadworks will go on. Not complaining, just planning my commute.",
        "I spilled tea on my laptop last night and it won't turn on now. Do you repair liquid damage?",
        "The helmet is too small. I think I measured it wrong, to be honest. Can I swap it?",
    ],
)
def test_enquiries_requests_and_praise_are_not(parse, message):
    """Questions, requests and praise are not complaints, even with words like refund or burst."""
    assert not parse(message).is_complaint


def test_evidence_points_at_the_problem(parse):
    """The verdict is explained by the spans of the message that report a problem."""
    message = "Hello. The screen is cracked."
    doc = parse(message)
    assert [message[s.start : s.end] for s in evidence(doc.complaint, doc.complaint_hits)] == ["cracked"]


def test_overlapping_words_are_one_problem(parse):
    """ "can't" and "can't find" are found together, and count once."""
    message = "Are spin classes still running? I can't find them on the timetable."
    doc = parse(message)
    assert [message[s.start : s.end] for s in evidence(doc.complaint, doc.complaint_hits)] == ["can't find"]
    assert doc.problems == 1


@pytest.mark.parametrize("apostrophe", ["'", "\u2019"])
def test_a_shape_is_found_with_either_apostrophe(parse, apostrophe):
    """The prefilter reads each shape's folded twin: "won’t charge" is found as surely as "won't charge"."""
    message = f"Since Monday the speaker won{apostrophe}t charge."
    for _ in range(3):  # the prefilter works out a shape's needs on its second use, and filters from then on
        doc = parse(message)
        spans = [message[s.start : s.end] for s in evidence(doc.complaint, doc.complaint_hits)]
        assert spans == [f"won{apostrophe}t charge"]


def test_a_shape_that_matches_a_corpus_message_is_always_a_candidate():
    """The folded twins' prefilter never leaves out a shape where it matches the message as written."""
    messages = []
    for file in sorted(CORPUS.glob("*/*.jsonl")):
        for line in file.read_text(encoding="utf-8").splitlines():
            if line.strip() and json.loads(line).get("complaint"):
                messages.append(json.loads(line)["complaint"])
    for message in messages[:2]:  # the prefilter works out the needs on a shape's second use
        _candidate_shapes(message)
    for message in messages:
        assert set(_candidate_shapes(message)) >= {s for s in lexicon().regex if s.search(message)}, message
