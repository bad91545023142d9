"""relevance: report a reply that answers another issue, skips a question or repeats advice already tried."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .. import asking, dates
from ..conditions import When
from ..keyterms import Analysis, Term, analyse, quote, shared_terms, touches, trim
from ..model import Finding, Span
from ..nlp import PhraseList

if TYPE_CHECKING:
    from ..document import Document
    from ..rule import Rule


@dataclass(frozen=True, slots=True)
class Options:
    # topic -> phrases, looked up on lemmas in both texts
    topics: dict[str, tuple[str, ...]] = field(default_factory=dict)
    remedies: tuple[str, ...] = ()  # topics that are what the reply does (refund), never another issue
    # What the rule reports; a rule usually turns on one of these.
    off_topic: bool = False  # a reply whose topics all differ from the customer's
    questions: bool = False  # a question whose topics and key terms the reply never touches
    tried: bool = False  # advice to do what the customer says they already did
    # Sentence openings (one or two words) that make a question without "?": "how", "can you".
    interrogatives: tuple[str, ...] = ()
    # Phrase lists below are matched on lemmas, like the topics: "tried" also finds "try"; all but one.
    ask: tuple[str, ...] = ()  # phrases that make a question anywhere in a sentence ("I'd like to know")
    # Words opening a reply sentence that answers yes or no: "Yes, we'll cover what you bought"
    # answers "will you cover the toiletries I had to buy?" by sharing a key term with it.
    answers: tuple[str, ...] = ()
    # Words anywhere in a reply sentence that grant or settle what a question asks, whatever its own
    # words: "Can I swap it?" "An exchange is no problem"; "do I have to rent yours?" "You're welcome
    # to fit your own". Such a sentence answers as one opening with `answers` does.
    grants: tuple[str, ...] = ()
    # Words opening a reply sentence that turn down what the message's first question asks, when it
    # asks yes or no (opens with one of `yes_no`): "Unfortunately our terms..." for "Can we reschedule?".
    refusals: tuple[str, ...] = ()
    yes_no: tuple[str, ...] = ()
    # Words opening a reply sentence that answer every question at once: "Yes and yes!", "Yes to both".
    answers_all: tuple[str, ...] = ()
    # A question opening with one of `why` asks for a cause; a reply with one of `reasons` ("the reason
    # is", "because") gives one, in whatever words: "Why did my direct debit jump?" "The reason is...".
    why: tuple[str, ...] = ()
    reasons: tuple[str, ...] = ()
    # A question with one of `wishes` asks for something new ("would you consider adding"); a reply with
    # one of `noted` ("thanks for the suggestion", "passed it to our product team") has answered it.
    wishes: tuple[str, ...] = ()
    noted: tuple[str, ...] = ()
    # Words by which a clause speaks of asking rather than asks: "sorry if this is a silly question, but".
    asides: tuple[str, ...] = ()
    # A question this matches vents rather than asks ("What am I supposed to tell my board??"), and is
    # never reported: any answer to it is the fix itself.
    rhetorical: re.Pattern = re.compile(r"(?!)")
    # Words by which a question asks for a time ("when", "how long"): a date or a span of time in the
    # reply answers it, in whatever words ("your contract ends on 14 August" for "when can I leave?").
    timely: tuple[str, ...] = ()
    # Words by which a question asks for a price ("how much", "what will it cost"): a price in the
    # reply (`price`: "£5 a day", "free of charge") answers it, in whatever words.
    pricing: tuple[str, ...] = ()
    price: re.Pattern = re.compile(r"[£$€]\s?\d", re.IGNORECASE)
    already: tuple[str, ...] = ()  # phrases by which the customer says they already did something
    # Counts ("three times") say something was done again and again, unless the sentence counts what
    # went wrong ("it has logged me out three times", "I entered my PIN wrong three times").
    counts: tuple[str, ...] = ()
    mishaps: tuple[str, ...] = ()
    # Words that turn an `already` phrase into a question or a wish: "how do I set", "can I send".
    not_after: tuple[str, ...] = ()
    advice: tuple[str, ...] = ()  # phrases that make a reply sentence advice ("please try", "you can")
    # Phrases by which the reply shows it saw that ("you've already"), matched as written: on lemmas,
    # "you sent" would be "could you send".
    acknowledge: tuple[str, ...] = ()
    # Reply phrases that ask for something to be sent ("send us", "attach"): asking again for what the
    # customer sent takes one shared word ("photo"), not two, unless the sentence asks for more.
    resend: tuple[str, ...] = ()
    additional: tuple[str, ...] = ()  # words asking for more than was sent ("also", "another")
    min_resend: float = 0.3  # key-term weight that one shared word needs
    signoff: tuple[str, ...] = ()  # a line starting with one ends the reply's body ("Kind regards,")
    ignore: tuple[str, ...] = ()  # lemmas that are never key terms ("hi", "please", "booking")
    # Groups of words that stand in for one another (single words, lemmas): a reply word of a group
    # touches a question's word of the same group ("reimburse" and "repay").
    synonyms: dict[str, tuple[str, ...]] = field(default_factory=dict)
    number_weight: float = 0.5  # weight of a number of 3+ digits in a question (an id such as HV-40977: 1)
    min_weight: float = 1.0  # key-term weight a question needs before it can be reported
    # Weight a key term needs for a yes that shares it to answer its question: "Yes, transfer them for free"
    # shares only "free" with "is there step-free access to the seats?", and answers only the transfer.
    min_answer: float = 0.0
    max_coverage: float = 0.2  # largest share of that weight the reply may touch and still be reported
    rare: float = 2.0  # a question's word this rare, left alone by the reply, outweighs its answered topics
    rare_words: float = 9.0  # as do its words left alone, together this heavy (amounts and ids aside)
    min_overlap: float = 1.0  # weight (of two terms or more) advice must share with what was tried
    max_shared: float = 1.0  # key-term weight an off-topic reply may still share with the customer's message
    min_hits: int = 1  # words of one other topic an off-topic reply needs: one passing word is no issue
    when: When = field(default_factory=When)


def phrase_lists(rule: Rule) -> Iterator[PhraseList]:
    """Yield the topic lexicons (looked up in both texts) and the marker phrases of this rule."""
    options: Options = rule.options
    for topic, phrases in options.topics.items():
        yield PhraseList(f"{rule.id}/topic/{topic}", phrases, lemma=True, target="both")
    # On lemmas too: the lemma matcher runs anyway (the complaint lexicon uses it), a second matcher costs.
    yield PhraseList(f"{rule.id}/ask", options.ask, lemma=True, target="complaint")
    yield PhraseList(f"{rule.id}/already", options.already, lemma=True, target="complaint")
    yield PhraseList(f"{rule.id}/counts", options.counts, lemma=True, target="complaint")
    yield PhraseList(f"{rule.id}/mishaps", options.mishaps, lemma=True, target="complaint")
    yield PhraseList(f"{rule.id}/wishes", options.wishes, lemma=True, target="complaint")
    yield PhraseList(f"{rule.id}/timely", options.timely, lemma=True, target="complaint")
    yield PhraseList(f"{rule.id}/pricing", options.pricing, lemma=True, target="complaint")
    yield PhraseList(f"{rule.id}/asides", options.asides, lemma=True, target="complaint")
    yield PhraseList(f"{rule.id}/noted", options.noted, lemma=True, target="reply")
    yield PhraseList(f"{rule.id}/reasons", options.reasons, lemma=True, target="reply")
    yield PhraseList(f"{rule.id}/grants", options.grants, lemma=False, target="reply")
    yield PhraseList(f"{rule.id}/advice", options.advice, lemma=True, target="reply")
    yield PhraseList(f"{rule.id}/acknowledge", options.acknowledge, lemma=False, target="reply")
    yield PhraseList(f"{rule.id}/resend", options.resend, lemma=True, target="reply")
    yield PhraseList(f"{rule.id}/additional", options.additional, lemma=True, target="reply")
    yield PhraseList(f"{rule.id}/signoff", options.signoff, lemma=True, target="reply")


def run(doc: Document, rule: Rule) -> Iterator[Finding]:
    """Yield findings about a reply that does not address the customer's message."""
    options: Options = rule.options
    if doc.complaint is None or not options.when.holds(doc):
        return
    # Each check finds where the reply's body ends only after its own early exits, which most drafts take.
    if options.off_topic:
        yield from _off_topic(doc, rule)
    if options.questions:
        yield from _unanswered(doc, rule)
    if options.tried:
        yield from _already_tried(doc, rule)


def _body_end(doc: Document, rule: Rule) -> int:
    """Return where the reply's body ends: at the last line that starts with a sign-off ("Kind regards,").

    The signature after it names the company ("Harbour View Hotel"), which answers nothing.
    """
    text = doc.text
    for span in reversed(doc.hits.get(f"{rule.id}/signoff", ())):
        line_start = text.rfind("\n", 0, span.start) + 1
        line_end = text.find("\n", span.end)
        rest = text[span.end : line_end if line_end >= 0 else len(text)]
        if line_start > 0 and not text[line_start : span.start].strip() and not rest.strip(" ,.!-"):
            return line_start
    return len(text)


def _off_topic(doc: Document, rule: Rule) -> Iterator[Finding]:
    """Yield one finding when the reply talks about topics, none of them the customer's, in other words."""
    options: Options = rule.options
    asked = _topics(doc.complaint_hits, rule, len(doc.draft.complaint or ""))
    if not asked:
        return
    end = _body_end(doc, rule)
    answered = _topics(doc.hits, rule, end)
    if any(topic in asked for topic in answered):
        return
    other = {topic: hits for topic, hits in answered.items() if topic not in options.remedies}
    if not other or max(len(hits) for hits in other.values()) < options.min_hits:
        return
    analysis = analyse(doc)
    if (
        sum(shared_terms(analysis, analysis.reply_forms(0, end), _set(options.ignore)).values())
        > options.max_shared
    ):
        return
    main_asked, main_answered = _main(asked), _main(other)
    span = other[main_answered][0]
    yield rule.finding(span, doc.draft.reply[span.start : span.end], asked=main_asked, answered=main_answered)


def _unanswered(doc: Document, rule: Rule) -> Iterator[Finding]:
    """Yield one finding per question whose topics and key terms the reply never touches."""
    options: Options = rule.options
    analysis = analyse(doc)
    questions = [(clause, _weights(terms, options), alt) for clause, terms, alt in _questions(doc, rule, analysis)]
    # Only a question of min_weight can be reported (see _missed): without one, spare the reply's analysis.
    if not any(sum(weights.values()) >= options.min_weight for _, weights, _ in questions):
        return
    questions = [(clause, _with_synonyms(weights, options.synonyms), alt) for clause, weights, alt in questions]
    end = _body_end(doc, rule)
    if asking.answer_spans(doc.draft.reply, end, options.answers_all):
        return  # "Yes to both"
    complaint = doc.draft.complaint
    asked = _topics(doc.complaint_hits, rule, len(complaint))
    answered = _topics(doc.hits, rule, end)
    grants = doc.hits.get(f"{rule.id}/grants", ())
    granted = [(s.start, s.end) for s in doc.sentences if s.start < end and _within(grants, s)] if grants else []
    answered_at = sorted(set(asking.answer_spans(doc.draft.reply, end, options.answers) + granted))
    replies = [analysis.reply_forms(*s) for s in answered_at]
    yes_no, why = frozenset(options.yes_no), frozenset(options.why)
    # A yes or a no answers the first question that asks yes or no (else the first), unless it takes up
    # the words of another: "How much is a second SIM? Can the data be shared?" "It can: ..."
    asks = [asking.opens(asking.without_greeting(complaint, clause), yes_no) for clause, _, _ in questions]
    target = asks.index(True) if True in asks else 0
    others = [
        term
        for i, (_, weights, _) in enumerate(questions)
        if i != target
        for term, w in weights.items()
        if w > 0 and w >= options.min_answer
    ]
    first = bool(replies) and not any(touches(term, replies[0]) for term in others)
    # A refusal answers the first question only when that asks yes or no.
    refused = asks[0] and bool(asking.answer_spans(doc.draft.reply, end, options.refusals))
    reasoned = any(span.start < end for span in doc.hits.get(f"{rule.id}/reasons", ()))
    opening_end = analysis.spans[0].end if analysis.spans else 0
    body = doc.draft.reply[:end]
    timely = doc.complaint_hits.get(f"{rule.id}/timely", ())
    if timely and not (dates.DATE.search(body) or dates.WHEN.search(body)):
        timely = ()  # a time asked for, and none given
    pricing = doc.complaint_hits.get(f"{rule.id}/pricing", ())
    if pricing and not options.price.search(body):
        pricing = ()  # a price asked for, and none given
    wishes = doc.complaint_hits.get(f"{rule.id}/wishes", ())
    noted = any(span.start < end for span in doc.hits.get(f"{rule.id}/noted", ()))
    forms = analysis.reply_forms(0, end)
    items = frozenset(asking.ITEM.findall(body))
    missed = [
        False
        if (number == target and first)  # "Can the staff give it to him?" "Yes, we can."
        or (number == 0 and refused)
        or (noted and _within(wishes, clause))  # a feature asked for, and the suggestion taken
        # "Why was I charged twice?" opening the message, and a reply that gives a cause
        or (reasoned and clause.start < opening_end and asking.opens(asking.without_greeting(complaint, clause), why))
        or asking.item_number(complaint, clause) in items  # "3) When does it end?" answered under "3)"
        else _missed(clause, weights, asked, answered, replies, forms, timely + pricing, options)
        for number, (clause, weights, _) in enumerate(questions)
    ]
    for number, (clause, _, _) in enumerate(questions):
        if missed[number] and options.rhetorical.search(complaint, clause.start, clause.end):
            missed[number] = None  # venting, not asking
    for number, (clause, _, _) in enumerate(questions):
        # "Is it fixable, or will I need a new frame?" asks one thing: an answer to either answers both.
        if missed[number] and False not in (missed[i] for i in asking.alternatives(questions, number)):
            yield rule.finding(None, quote(complaint[clause.start : clause.end]))


def _missed(
    clause: Span,
    weights: dict[Term, float],
    asked: dict[str, tuple[Span, ...]],
    answered: dict[str, tuple[Span, ...]],
    replies: list[frozenset[str]],
    forms: frozenset[str],
    given: tuple[Span, ...],
    options: Options,
) -> bool | None:
    """Does the reply leave this question alone: its topics, its key terms, any yes or no about it?

    None when it cannot tell: too few key terms, or only the topics taken up. Such a question is not
    reported, nor does it answer the question it is an alternative to.
    """
    missed = {term: w for term, w in weights.items() if not touches(term, forms)}
    topics = [topic for topic, hits in asked.items() if _within(hits, clause)]
    if (
        topics
        and all(topic in answered for topic in topics)
        and max(missed.values(), default=0.0) < options.rare
        and sum(w for term, w in missed.items() if not term.number) < options.rare_words
    ):
        return None  # its topics taken up in other words, and no rare word of it left alone
    if any(touches(term, said) for said in replies for term, w in weights.items() if w > 0 and w >= options.min_answer):
        return False  # a yes or a no about it
    total = sum(weights.values())
    touched = sum(weight for term, weight in weights.items() if touches(term, forms))
    if touched > options.max_coverage * total or _within(given, clause):
        return False  # its key terms taken up, or a time or a price asked for and given
    return None if total < options.min_weight else True


def _questions(
    doc: Document, rule: Rule, analysis: Analysis
) -> Iterator[tuple[Span, tuple[Term, ...], bool]]:
    """Yield each question of the customer's message: a clause, its key terms, and whether it follows
    the one before with "or" (an alternative to it)."""
    options: Options = rule.options
    openings, breaks = asking.interrogatives(options.interrogatives)
    asks = doc.complaint_hits.get(f"{rule.id}/ask", ())
    asides = doc.complaint_hits.get(f"{rule.id}/asides", ())
    complaint = doc.draft.complaint
    for index, span in enumerate(analysis.spans):
        text = complaint[span.start : span.end]
        if not ("?" in text or _within(asks, span) or asking.opens(text, openings) or breaks.search(text)):
            continue  # no question in it: spare the analysis
        sentence = analysis.sentence(index)
        for clause, alternative in asking.clauses(sentence, breaks):
            question = complaint[clause.start : clause.end]
            # Every clause of a sentence that asks, asks: "is parking included or do we pay extra?"
            # asks twice, though "is parking" is no listed opening. Not a heading: "Two questions:".
            strung = "?" in text and not complaint.startswith(":", clause.end) and not _within(asides, clause)
            if not (strung or "?" in question or asking.opens(question, openings)):
                if not _within(asks, clause):
                    continue
                # Only "I'd like to know" makes it ask, so what it asks follows that: "We had a
                # nightmare last time, so I'd like to know what's involved" asks what is involved.
                clause = Span(min(a.start for a in asks if clause.start <= a.start < clause.end), clause.end)
            if clause == sentence.span:  # the whole sentence: all its terms
                yield clause, sentence.terms, alternative
                continue
            pairs = zip(sentence.terms, sentence.starts, strict=True)
            yield clause, tuple(term for term, at in pairs if clause.start <= at < clause.end), alternative


def _already_tried(doc: Document, rule: Rule) -> Iterator[Finding]:
    """Yield a finding for each reply sentence that advises what the customer says they already did."""
    options: Options = rule.options
    already = doc.complaint_hits.get(f"{rule.id}/already", ())
    counts = doc.complaint_hits.get(f"{rule.id}/counts", ())
    advice_hits = doc.hits.get(f"{rule.id}/advice", ())
    if not (already or counts) or not advice_hits:
        return  # the cheap tests first: most messages say nothing was tried
    tried_hits = _said_done(doc, already, options.not_after)
    if not (tried_hits or counts):
        return
    end = _body_end(doc, rule)
    mishaps = doc.complaint_hits.get(f"{rule.id}/mishaps", ())
    acknowledged = doc.hits.get(f"{rule.id}/acknowledge", ())
    resend = doc.hits.get(f"{rule.id}/resend", ())
    additional = doc.hits.get(f"{rule.id}/additional", ())
    analysis = analyse(doc)
    tried = []
    for index, span in enumerate(analysis.spans):
        if _within(tried_hits, span) or (_within(counts, span) and not _within(mishaps, span)):
            sentence = analysis.sentence(index)
            tried.append((sentence, _weights(sentence.terms, options)))
    listed = _listed_under(doc, advice_hits)
    for sentence in doc.sentences:
        advice = _within(advice_hits, sentence) or any(a <= sentence.start < b for a, b in listed)
        if sentence.start >= end or not advice or _within(acknowledged, sentence):
            continue
        forms = analysis.reply_forms(sentence.start, sentence.end)
        again = _within(resend, sentence) and not _within(additional, sentence)
        for done, weights in tried:
            # Words only: an amount or an order number says what happened, not what was done about it.
            shared = [w for term, w in weights.items() if term.lemma.isalpha() and touches(term, forms)]
            if (len(shared) >= 2 and sum(shared) >= options.min_overlap) or (
                again and max(shared, default=0.0) >= options.min_resend
            ):
                yield rule.finding(trim(doc.draft.reply, sentence), quote(done.text))
                break


def _listed_under(doc: Document, advice_hits: tuple[Span, ...]) -> list[tuple[int, int]]:
    """Return the stretches that follow advice ending in a colon, to the end of the steps' paragraph: the
    steps of "Could you try the following:" are advice, though "Restart the printer." has no advice phrase."""
    text = doc.text
    stretches = []
    for sentence in doc.sentences:
        said = text[sentence.start : sentence.end].rstrip()
        if said.endswith(":") and _within(advice_hits, sentence):
            colon = sentence.start + len(said)
            steps = len(text) - len(text[colon:].lstrip())  # on the next line, or after a blank one
            paragraph_end = text.find("\n\n", steps)
            stretches.append((colon, len(text) if paragraph_end < 0 else paragraph_end))
    return stretches


def _said_done(doc: Document, hits: tuple[Span, ...], not_after: tuple[str, ...]) -> tuple[Span, ...]:
    """Drop the hits that follow one of the not_after words: "how do I set up" asks, it does not tell."""
    if not not_after:
        return hits
    before, text = _ending_in(not_after), doc.draft.complaint or ""
    return tuple(hit for hit in hits if not before.search(text, max(0, hit.start - 20), hit.start))


@functools.cache
def _ending_in(words: tuple[str, ...]) -> re.Pattern:
    return re.compile(rf"\b(?:{'|'.join(map(re.escape, words))})\W*$", re.IGNORECASE)


def _weights(terms: tuple[Term, ...], options: Options) -> dict[Term, float]:
    ignore = _set(options.ignore)
    weights = {}
    for term in terms:
        if term.lemma in ignore:
            continue
        weights[term] = options.number_weight if term.number else term.rarity
    return weights


def _with_synonyms(weights: dict[Term, float], synonyms: dict[str, tuple[str, ...]]) -> dict[Term, float]:
    """Return the weights with each term that has synonyms also touched by them (forms and their stems)."""
    if not synonyms:
        return weights
    others = _synonym_forms(synonyms)
    return {
        term._replace(forms=term.forms + others[term.lemma]) if term.lemma in others else term: weight
        for term, weight in weights.items()
    }


def _synonym_forms(synonyms: dict[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
    """Return, for each word of a group, the forms of the group's words; worked out once per rule."""
    cached = _SYNONYM_FORMS.get(id(synonyms))
    if cached is None or cached[0] is not synonyms:
        if len(_SYNONYM_FORMS) > 64:  # a service that keeps loading configs
            _SYNONYM_FORMS.clear()
        forms: dict[str, set[str]] = {}
        for words in synonyms.values():
            group = {form for word in words for form in (word.lower(), word.lower()[:6])}
            for word in words:
                forms.setdefault(word.lower(), set()).update(group)
        cached = _SYNONYM_FORMS[id(synonyms)] = (synonyms, {word: tuple(sorted(f)) for word, f in forms.items()})
    return cached[1]


_SYNONYM_FORMS: dict[int, tuple[dict, dict[str, tuple[str, ...]]]] = {}  # id(synonyms) -> (synonyms, forms)


def _topics(hits: Mapping[str, tuple[Span, ...]], rule: Rule, end: int) -> dict[str, tuple[Span, ...]]:
    """Return the topics found before offset end, with their spans."""
    topic_of = _topic_keys(rule)
    found = {}
    for key, spans in hits.items():
        topic = topic_of.get(key)
        if topic is not None and spans[0].start < end:
            found[topic] = spans if spans[-1].start < end else tuple(s for s in spans if s.start < end)
    return found



_KEYS: dict[tuple[str, int], tuple[Options, dict[str, str]]] = {}


def _topic_keys(rule: Rule) -> dict[str, str]:
    """Return phrase-list key -> topic, built once per rule (Options holding a dict cannot be hashed)."""
    cached = _KEYS.get((rule.id, id(rule.options)))
    if cached is None or cached[0] is not rule.options:
        cached = _KEYS[(rule.id, id(rule.options))] = (
            rule.options,
            {f"{rule.id}/topic/{t}": t for t in rule.options.topics},
        )
    return cached[1]


@functools.lru_cache(maxsize=256)
def _set(words: tuple[str, ...]) -> frozenset[str]:
    return frozenset(word.lower() for word in words)


def _main(topics: dict[str, tuple[Span, ...]]) -> str:
    """Return the topic with the most hits; the earliest wins a tie."""
    return max(topics, key=lambda topic: (len(topics[topic]), -topics[topic][0].start))


def _within(spans: tuple[Span, ...], sentence: Span) -> bool:
    # Most lists are empty: spare the generator.
    return bool(spans) and any(sentence.start <= span.start < sentence.end for span in spans)
