"""relevance: report a reply that answers another issue, skips a question or repeats advice already tried."""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from wordfreq import zipf_frequency

from ..conditions import When
from ..model import Finding, Span
from ..nlp import PhraseList

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from ..document import Document
    from ..rule import Rule

# Zipf frequency (log10 of uses per billion words): "the" is 7.7, "refund" 3.9, "snowmobile" 2.8.
COMMON_ZIPF = 6.0  # as common as this or more: says nothing about the topic (weight 0)
RARE_ZIPF = 3.0  # as rare as this or less, or unknown (a product name): full weight 1
QUOTE_CHARS = 70  # longest quotation of the customer's words in a message
_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")
# Endings text_forms strips, and what it puts back: "fixed" -> "fix", "charged" -> "charge".
_SUFFIXES = (("ing", ""), ("ing", "e"), ("ed", ""), ("ed", "e"), ("es", ""), ("s", ""), ("ies", "y"))
_ENUMERATION = re.compile(r"^\(?\d{1,2}[.)]\s+")  # "1) " before a question, left out of quotes
_EDGE = "\"'()[]{}<>.,;:!?£$€%*-–—/"  # stripped from the ends of a word in text_forms
_MEASURE = re.compile(r"\d+(?:[.,:]\d+)*[a-z]{0,4}")  # 14,900, 7am, 11:20pm, 3rd, 20gb: not ids


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
    # Phrase lists below are matched on lemmas, like the topics: "tried" also finds "try".
    ask: tuple[str, ...] = ()  # phrases that make a question anywhere in a sentence ("I'd like to know")
    already: tuple[str, ...] = ()  # phrases by which the customer says they already did something
    # Words that turn an `already` phrase into a question or a wish: "how do I set", "can I send".
    not_after: tuple[str, ...] = ()
    advice: tuple[str, ...] = ()  # phrases that make a reply sentence advice ("please try", "you can")
    acknowledge: tuple[str, ...] = ()  # phrases by which the reply shows it saw that ("you've already")
    signoff: tuple[str, ...] = ()  # a line starting with one ends the reply's body ("Kind regards,")
    ignore: tuple[str, ...] = ()  # lemmas that are never key terms ("hi", "please", "booking")
    number_weight: float = 0.5  # weight of a number of 3+ digits in a question (an id such as HV-40977: 1)
    min_weight: float = 1.0  # key-term weight a question needs before it can be reported
    max_coverage: float = 0.2  # largest share of that weight the reply may touch and still be reported
    rare: float = 2.0  # a question's word this rare, left alone by the reply, outweighs its answered topics
    min_overlap: float = 1.0  # weight (of two terms or more) advice must share with what was tried
    max_shared: float = 1.0  # key-term weight an off-topic reply may still share with the customer's message
    when: When = field(default_factory=When)


@dataclass(frozen=True, slots=True)
class Term:
    """A word, number or id that says what a sentence is about."""

    lemma: str  # the lemma, the digits of a number, or the lowercase id
    forms: tuple[str, ...]  # any one of these in the reply touches the term
    rarity: float  # 0 for the commonest words, 1 for rare ones and ids; -1 for numbers
    number: bool = False


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence with its key terms and the forms of all its words."""

    span: Span  # character offsets into the text it comes from
    text: str
    terms: tuple[Term, ...]
    starts: tuple[int, ...]  # where each term first appears
    forms: frozenset[str]


def phrase_lists(rule: Rule) -> Iterator[PhraseList]:
    """Yield the topic lexicons (looked up in both texts) and the marker phrases of this rule."""
    options: Options = rule.options
    for topic, phrases in options.topics.items():
        yield PhraseList(f"{rule.id}/topic/{topic}", phrases, lemma=True, target="both")
    # On lemmas too: the lemma matcher runs anyway (the complaint lexicon uses it), a second matcher costs.
    yield PhraseList(f"{rule.id}/ask", options.ask, lemma=True, target="complaint")
    yield PhraseList(f"{rule.id}/already", options.already, lemma=True, target="complaint")
    yield PhraseList(f"{rule.id}/advice", options.advice, lemma=True, target="reply")
    yield PhraseList(f"{rule.id}/acknowledge", options.acknowledge, lemma=True, target="reply")
    yield PhraseList(f"{rule.id}/signoff", options.signoff, lemma=True, target="reply")


def run(doc: Document, rule: Rule) -> Iterator[Finding]:
    """Yield findings about a reply that does not address the customer's message."""
    options: Options = rule.options
    if doc.complaint is None or not options.when.holds(doc):
        return
    end = _body_end(doc, rule)
    if options.off_topic:
        yield from _off_topic(doc, rule, end)
    if options.questions:
        yield from _unanswered(doc, rule, end)
    if options.tried:
        yield from _already_tried(doc, rule, end)


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


def _off_topic(doc: Document, rule: Rule, end: int) -> Iterator[Finding]:
    """Yield one finding when the reply talks about topics, none of them the customer's, in other words."""
    options: Options = rule.options
    asked = _topics(doc.complaint_hits, rule, len(doc.draft.complaint or ""))
    answered = _topics(doc.hits, rule, end)
    if not asked or any(topic in asked for topic in answered):
        return
    other = {topic: hits for topic, hits in answered.items() if topic not in options.remedies}
    if not other:
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


def _unanswered(doc: Document, rule: Rule, end: int) -> Iterator[Finding]:
    """Yield one finding per question whose topics and key terms the reply never touches."""
    options: Options = rule.options
    openings, breaks = _interrogatives(options.interrogatives)
    asks = doc.complaint_hits.get(f"{rule.id}/ask", ())
    analysis = analyse(doc)
    asked = _topics(doc.complaint_hits, rule, len(doc.draft.complaint or ""))
    answered = _topics(doc.hits, rule, end)
    for index, span in enumerate(analysis.spans):
        text = doc.draft.complaint[span.start : span.end]
        if not ("?" in text or _within(asks, span) or _opens(text, openings) or breaks.search(text)):
            continue  # no question in it: spare the analysis
        sentence = analysis.sentence(index)
        for clause in _clauses(sentence, breaks):
            question = doc.draft.complaint[clause.start : clause.end]
            if not ("?" in question or _opens(question, openings) or _within(asks, clause)):
                continue
            terms = tuple(
                t
                for t, start in zip(sentence.terms, sentence.starts, strict=True)
                if clause.start <= start < clause.end
            )
            weights = _weights(terms, options)
            forms = analysis.reply_forms(0, end)
            missed = max((w for term, w in weights.items() if not _touches(term, forms)), default=0.0)
            topics = [topic for topic, hits in asked.items() if _within(hits, clause)]
            if topics and all(topic in answered for topic in topics) and missed < options.rare:
                continue  # its topics answered in other words, and no rare word of it left alone
            total = sum(weights.values())
            if total < options.min_weight:
                continue
            touched = sum(weight for term, weight in weights.items() if _touches(term, forms))
            if touched <= options.max_coverage * total:
                yield rule.finding(None, quote(question))


def _clauses(sentence: Sentence, breaks: re.Pattern) -> Iterator[Span]:
    """Split a sentence before each question it strings on: "why X, and how do I Y?" is two."""
    start = sentence.span.start
    for match in breaks.finditer(sentence.text):
        if match.start() > 0:
            yield Span(start, sentence.span.start + match.start())
            start = sentence.span.start + match.end()
    yield Span(start, sentence.span.end)


def _already_tried(doc: Document, rule: Rule, end: int) -> Iterator[Finding]:
    """Yield a finding for each reply sentence that advises what the customer says they already did."""
    options: Options = rule.options
    tried_hits = _said_done(doc, doc.complaint_hits.get(f"{rule.id}/already", ()), options.not_after)
    advice_hits = doc.hits.get(f"{rule.id}/advice", ())
    if not tried_hits or not advice_hits:
        return
    acknowledged = doc.hits.get(f"{rule.id}/acknowledge", ())
    analysis = analyse(doc)
    tried = []
    for index, span in enumerate(analysis.spans):
        if _within(tried_hits, span):
            sentence = analysis.sentence(index)
            tried.append((sentence, _weights(sentence.terms, options)))
    for sentence in doc.sentences:
        if sentence.start >= end or not _within(advice_hits, sentence) or _within(acknowledged, sentence):
            continue
        forms = analysis.reply_forms(sentence.start, sentence.end)
        for done, weights in tried:
            # Words only: an amount or an order number says what happened, not what was done about it.
            shared = [w for term, w in weights.items() if term.lemma.isalpha() and _touches(term, forms)]
            if len(shared) >= 2 and sum(shared) >= options.min_overlap:
                yield rule.finding(trim(doc.draft.reply, sentence), quote(done.text))
                break


def analyse(doc: Document) -> Analysis:
    """Return the analysis of a document, made once for all the rules that ask for it."""
    global _memo
    memo = _memo  # one read: another thread may replace it, never half-way
    if memo is not None and memo[0] is doc:
        return memo[1]
    analysis = Analysis(doc)
    _memo = (doc, analysis)
    return analysis


_memo: tuple[Document, Analysis] | None = None


class Analysis:
    """Key terms of the customer's message and word forms of the reply; each part is worked out when asked."""

    def __init__(self, doc: Document):
        self.doc = doc
        customer = doc.draft.customer
        name = customer.name if customer is not None and customer.name else ""
        self._customer = frozenset(name.lower().replace("-", " ").split())
        self._complaint_columns = columns = _Columns.of(doc.complaint)
        self._bounds = list(itertools.pairwise([*columns.sentences, len(columns.orths)]))
        self.spans = tuple(_span(doc.complaint, columns, first, stop) for first, stop in self._bounds)
        self._sentences: dict[int, Sentence] = {}
        self._reply_columns: _Columns | None = None
        self._forms: dict[tuple[int, int], frozenset[str]] = {}
        self._names: frozenset[str] | None = None

    def sentence(self, index: int) -> Sentence:
        """Return sentence number index of the customer's message, with its key terms."""
        sentence = self._sentences.get(index)
        if sentence is None:
            first, stop = self._bounds[index]
            text = self.doc.draft.complaint or ""
            sentence = _sentence(
                self.doc.complaint,
                self._complaint_columns,
                first,
                stop,
                self.spans[index],
                text,
                self._customer,
            )
            self._sentences[index] = sentence
        return sentence

    @property
    def complaint(self) -> tuple[Sentence, ...]:
        """Return every sentence of the customer's message."""
        return tuple(self.sentence(index) for index in range(len(self.spans)))

    @property
    def _replied(self) -> _Columns:
        if self._reply_columns is None:
            self._reply_columns = _Columns.of(self.doc.reply)
        return self._reply_columns

    def reply_forms(self, start: int, end: int) -> frozenset[str]:
        """Return the forms of the reply's words from offset start to offset end."""
        forms = self._forms.get((start, end))
        if forms is None:
            columns = self._replied
            first = bisect.bisect_left(columns.offsets, start)
            orths = columns.orths[first : bisect.bisect_left(columns.offsets, end)]
            found: set[str] = set()
            for orth in set(orths):
                token = _TOKENS.get(orth) or _token(self.doc.reply, first + orths.index(orth), orth)
                found.update(token.forms)
            forms = self._forms[(start, end)] = frozenset(found)
        return forms

    @property
    def names(self) -> frozenset[str]:
        """Return the lemmas of capitalised runs in either text ("Harbour View Hotel", "Ledgerly Support").

        A word the customer writes in lower case is no name: "Direct Debit", after "direct debit".
        """
        if self._names is None:
            names: set[str] = set()
            lowercase: set[str] = set()
            _capitalised(self.doc.complaint, self._complaint_columns, names, lowercase)
            _capitalised(self.doc.reply, self._replied, names, set())
            self._names = frozenset(names - lowercase)
        return self._names


def shared_terms(
    analysis: Analysis,
    forms: frozenset[str],
    ignore: frozenset[str] = frozenset(),
    number_weight: float = 0.0,
) -> dict[str, float]:
    """Return the customer's key terms found among forms, with their weights; names never count.

    Numbers and ids (an amount, an order number) weigh number_weight: an off-topic reply repeats the
    booking reference as readily as a good one does, a macro seldom does.
    """
    shared: dict[str, float] = {}
    for sentence in analysis.complaint:
        for term in sentence.terms:
            if term.lemma in ignore or term.lemma in analysis.names or not _touches(term, forms):
                continue
            shared[term.lemma] = term.rarity if term.lemma.isalpha() else number_weight
    return shared


def text_forms(text: str) -> frozenset[str]:
    """Return the forms of a text that was never parsed (a macro), as near as _term gives them."""
    forms: set[str] = set()
    for chunk in text.lower().split():
        chunk = chunk.strip(_EDGE)
        if any(char.isdigit() for char in chunk):
            forms.add(
                "".join(char for char in chunk if char.isdigit()) if _MEASURE.fullmatch(chunk) else chunk
            )
        for word in _WORD.findall(chunk):
            forms.update((word, word[:6]))
            for suffix, replacement in _SUFFIXES:  # no lemmas here: "fixed" must still meet "fix"
                if word.endswith(suffix) and len(word) > len(suffix) + 2:
                    forms.add(word[: -len(suffix)] + replacement)
    return frozenset(forms)


def quote(text: str) -> str:
    """Return text on one line, cut at a word boundary to at most QUOTE_CHARS characters."""
    text = _ENUMERATION.sub("", " ".join(text.split()))
    if len(text) <= QUOTE_CHARS:
        return text
    return text[: QUOTE_CHARS - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"


@dataclass(frozen=True, slots=True)
class _Token:
    """What replylint needs to know about one word, the same wherever it occurs."""

    forms: tuple[str, ...]  # empty for spaces, punctuation and stop words
    term: Term | None  # set when the word says something about the topic
    lemma: str
    lower: str
    length: int
    capital: bool  # a capitalised word: part of a name when next to another
    lowercase: bool


# Orth hash -> _Token. The lemma is one per lowercase form (see nlp.py), so the orth decides it all.
_TOKENS: dict[int, _Token] = {}
_MAX_TOKENS = 200_000  # forget them all past this many, rather than grow without end


@dataclass(frozen=True, slots=True)
class _Columns:
    """Orth hash, character offset and sentence start of every token, read in one call.

    Reading attributes token by token costs more than everything else the checks do.
    """

    orths: list[int]
    offsets: list[int]
    sentences: list[int]  # index of each sentence's first token

    @classmethod
    def of(cls, parsed: Doc | None) -> _Columns:
        if parsed is None or not len(parsed):
            return cls([], [], [])
        array = parsed.to_array(["ORTH", "IDX", "SENT_START"])
        starts = (array[:, 2] == 1).nonzero()[0].tolist()
        orths, offsets = array[:, :2].T.tolist()
        return cls(orths, offsets, starts if starts and starts[0] == 0 else [0, *starts])


def _span(parsed: Doc | None, columns: _Columns, first: int, stop: int) -> Span:
    """Return the character span of the tokens first to stop (excluded)."""
    last = stop - 1
    token = _TOKENS.get(columns.orths[last]) or _token(parsed, last, columns.orths[last])
    return Span(columns.offsets[first], columns.offsets[last] + token.length)


def _sentence(
    parsed: Doc | None,
    columns: _Columns,
    first: int,
    stop: int,
    span: Span,
    text: str,
    customer: frozenset[str],
) -> Sentence:
    """Return one sentence with its key terms (the customer's own name left out) and word forms."""
    known = _TOKENS.get
    orths, offsets = columns.orths, columns.offsets
    seen: set[str] = set()
    terms: list[Term] = []
    starts: list[int] = []
    forms: set[str] = set()
    for i in range(first, stop):
        token = known(orths[i]) or _token(parsed, i, orths[i])
        if not token.forms:
            continue
        forms.update(token.forms)
        term = token.term
        if term is not None and term.lemma not in seen and token.lower not in customer:
            seen.add(term.lemma)
            terms.append(term)
            starts.append(offsets[i])
    return Sentence(span, text[span.start : span.end], tuple(terms), tuple(starts), frozenset(forms))


def _capitalised(parsed: Doc | None, columns: _Columns, names: set[str], lowercase: set[str]) -> None:
    """Add the lemmas of runs of two or more capitalised words to names, and lowercase words to lowercase."""
    run: list[str] = []
    starts = set(columns.sentences)
    for index, orth in enumerate(columns.orths):
        token = _TOKENS.get(orth) or _token(parsed, index, orth)
        if index in starts or not token.capital:  # a name ends with its sentence
            if len(run) > 1:
                names.update(run)
            run = []
        if token.capital:
            run.append(token.lemma)
        elif token.lowercase:
            lowercase.add(token.lemma)
    if len(run) > 1:
        names.update(run)


def _token(parsed: Doc, index: int, orth: int) -> _Token:
    """Describe one word once; later occurrences are looked up in _TOKENS."""
    word = parsed[index]
    lower, lemma = word.lower_, word.lemma_
    if word.is_space or word.is_punct:
        token = _Token((), None, lemma, lower, len(word.text), False, False)
    else:
        term = _term(lower, lemma, word.is_stop, word.like_num)
        forms = (lower, *term.forms) if term is not None else ()
        key = term if term is not None and term.rarity else None
        token = _Token(
            forms, key, lemma, lower, len(word.text), word.is_title and word.is_alpha, word.is_lower
        )
    if len(_TOKENS) >= _MAX_TOKENS:
        _TOKENS.clear()
    _TOKENS[orth] = token
    return token


@functools.lru_cache(maxsize=1 << 16)
def _term(lower: str, lemma: str, stop: bool, number: bool) -> Term | None:
    """Return what one token contributes: the forms that match it and how much it says about the topic."""
    digits = "".join(char for char in lower if char.isdigit())
    if number or (digits and _MEASURE.fullmatch(lower)):
        # 14,900 and 14.900 are one amount; short numbers (3 times, 2 adults) say nothing.
        return Term(digits, (digits,), -1.0 if len(digits) >= 3 else 0.0, number=True) if digits else None
    if digits:  # an id such as HV-40977 or PXL4RT
        return Term(lower, (lower,), 1.0)
    if stop or not lower.isalpha() or len(lower) < 3:
        return None
    rarity = (COMMON_ZIPF - zipf_frequency(lemma, "en")) / (COMMON_ZIPF - RARE_ZIPF)
    stem = lemma[:6]  # "electricity" touches "electric", "delivery" touches "delivered"
    return Term(lemma, (lemma, stem) if stem != lemma else (lemma,), min(1.0, max(0.0, rarity)))


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


def _touches(term: Term, forms: frozenset[str]) -> bool:
    return any(form in forms for form in term.forms)


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


@functools.lru_cache(maxsize=256)
def _interrogatives(phrases: tuple[str, ...]) -> tuple[frozenset[str], re.Pattern]:
    """Return the openings that make a question, and where a sentence strings on another question."""
    openings = frozenset(" ".join(phrase.lower().split()) for phrase in phrases)
    first = sorted({phrase.split(" ", 1)[0] for phrase in openings}, key=len, reverse=True)
    words = "|".join(re.escape(word) for word in first) or "(?!)"
    # Not after a bare comma: "I want a refund, which is faster?" is one question.
    joins = r"(?:[;:]\s*|,?\s+(?:and|or|but)\s+)(?:also\s+)?"
    breaks = re.compile(rf"{joins}(?=(?:{words})\b)", re.IGNORECASE)
    return openings, breaks


def _opens(text: str, openings: frozenset[str]) -> bool:
    """Return True when text starts with one of the openings (its first word or first two words)."""
    words = _WORD.findall(text.lower(), 0, 60)[:2]
    return bool(words) and (words[0] in openings or " ".join(words) in openings)


def _main(topics: dict[str, tuple[Span, ...]]) -> str:
    """Return the topic with the most hits; the earliest wins a tie."""
    return max(topics, key=lambda topic: (len(topics[topic]), -topics[topic][0].start))


def _within(spans: tuple[Span, ...], sentence: Span) -> bool:
    return any(sentence.start <= span.start < sentence.end for span in spans)


def trim(text: str, span: Span) -> Span:
    """Return span without the whitespace at its ends."""
    chunk = text[span.start : span.end]
    start = span.start + len(chunk) - len(chunk.lstrip())
    return Span(start, max(start, span.start + len(chunk.rstrip())))
