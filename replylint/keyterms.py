"""Key terms: the words, numbers and ids that say what a message is about, weighed by rarity.

The customer's message is split into sentences of key terms, and the reply into the forms of its words,
once per document, for the checks that compare the two (relevance, canned).
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

from . import nlp
from .model import Span

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from .document import Document

# Zipf frequency (log10 of uses per billion words): "the" is 7.7, "refund" 3.9, "snowmobile" 2.8.
COMMON_ZIPF = 6.0  # as common as this or more: says nothing about the topic (weight 0)
RARE_ZIPF = 3.0  # as rare as this or less, or unknown (a product name): full weight 1
QUOTE_CHARS = 70  # longest quotation of the customer's words in a message
WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")
# Endings text_forms strips, and what it puts back: "fixed" -> "fix", "charged" -> "charge".
_SUFFIXES = (("ing", ""), ("ing", "e"), ("ed", ""), ("ed", "e"), ("es", ""), ("s", ""), ("ies", "y"))
_ENUMERATION = re.compile(r"^\(?\d{1,2}[.)]\s+")  # "1) " before a question, left out of quotes
_EDGE = "\"'()[]{}<>.,;:!?£$€%*-–—/"  # stripped from the ends of a word in text_forms
_MEASURE = re.compile(r"\d+(?:[.,:]\d+)*[a-z]{0,4}")  # 14,900, 7am, 11:20pm, 3rd, 20gb: not ids


class Term(NamedTuple):
    """A word, number or id that says what a sentence is about. A tuple: questions weigh their terms in
    dicts, and a tuple hashes in C, where a frozen dataclass hashes in Python."""

    lemma: str  # the lemma, the digits of a number, or the lowercase id
    forms: tuple[str, ...]  # any one of these in the reply touches the term
    rarity: float  # 0 for the commonest words, 1 for rare ones and ids; -1 for numbers
    number: bool = False


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence with its key terms."""

    span: Span  # character offsets into the text it comes from
    text: str
    terms: tuple[Term, ...]
    starts: tuple[int, ...]  # where each term first appears


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
        # The parse keeps each sentence's bounds: the tokens are read only once a sentence's terms are asked for.
        parsed = doc.complaint
        self.spans = tuple(map(Span._make, nlp.sentence_bounds(parsed))) if parsed is not None and len(parsed) else ()
        self._complaint_columns: _Columns | None = None
        self._bounds: list[tuple[int, int]] = []
        self._sentences: dict[int, Sentence] = {}
        self._reply_columns: _Columns | None = None
        self._forms: dict[tuple[int, int], frozenset[str]] = {}
        self._names: frozenset[str] | None = None

    def sentence(self, index: int) -> Sentence:
        """Return sentence number index of the customer's message, with its key terms."""
        sentence = self._sentences.get(index)
        if sentence is None:
            columns = self._complained  # reads the message's tokens once, and with them self._bounds
            first, stop = self._bounds[index]
            text = self.doc.draft.complaint or ""
            sentence = _sentence(self.doc.complaint, columns, first, stop, self.spans[index], text, self._customer)
            self._sentences[index] = sentence
        return sentence

    @property
    def _complained(self) -> _Columns:
        if self._complaint_columns is None:
            columns = _Columns.of(self.doc.complaint)
            firsts = [bisect.bisect_left(columns.offsets, span.start) for span in self.spans]
            self._bounds = list(itertools.pairwise([*firsts, len(columns.orths)]))
            self._complaint_columns = columns
        return self._complaint_columns

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
            every = [
                (_TOKENS.get(orth) or _token(self.doc.reply, first + orths.index(orth), orth)).forms
                for orth in set(orths)
            ]
            # One union of every token's forms: a set.update per token costs a fifth more.
            forms = self._forms[(start, end)] = frozenset().union(*every)
        return forms

    @property
    def names(self) -> frozenset[str]:
        """Return the lemmas of capitalised runs in either text ("Harbour View Hotel", "Ledgerly Support").

        A word the customer writes in lower case is no name: "Direct Debit", after "direct debit".
        """
        if self._names is None:
            names: set[str] = set()
            lowercase: set[str] = set()
            starts = {span.start for span in self.spans}
            _capitalised(self.doc.complaint, self._complained, starts, names, lowercase)
            _capitalised(self.doc.reply, self._replied, set(self.doc.sentence_starts), names, set())
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
    terms = message_terms(analysis, ignore, number_weight)
    return {lemma: weight for lemma, (term, weight) in terms.items() if touches(term, forms)}


def message_terms(
    analysis: Analysis, ignore: frozenset[str] = frozenset(), number_weight: float = 0.0
) -> dict[str, tuple[Term, float]]:
    """Return each key term of the customer's message, by lemma, with its weight; names never count."""
    terms: dict[str, tuple[Term, float]] = {}
    for sentence in analysis.complaint:
        for term in sentence.terms:
            if term.lemma not in ignore and term.lemma not in analysis.names and term.lemma not in terms:
                terms[term.lemma] = (term, term.rarity if term.lemma.isalpha() else number_weight)
    return terms


def text_forms(text: str) -> frozenset[str]:
    """Return the forms of a text that was never parsed (a macro), as near as _term gives them."""
    forms: set[str] = set()
    for chunk in text.lower().split():
        chunk = chunk.strip(_EDGE)
        if any(char.isdigit() for char in chunk):
            forms.add(
                "".join(char for char in chunk if char.isdigit()) if _MEASURE.fullmatch(chunk) else chunk
            )
        for word in WORD.findall(chunk):
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
    capital: bool  # a capitalised word: part of a name when next to another
    lowercase: bool


# Orth hash -> _Token. The lemma is one per lowercase form (see nlp.py), so the orth decides it all.
_TOKENS: dict[int, _Token] = {}
_MAX_TOKENS = 200_000  # forget them all past this many, rather than grow without end


@dataclass(frozen=True, slots=True)
class _Columns:
    """Orth hash and character offset of every token, read in one call.

    Reading attributes token by token costs more than everything else the checks do.
    """

    orths: list[int]
    offsets: list[int]

    @classmethod
    def of(cls, parsed: Doc | None) -> _Columns:
        if parsed is None or not len(parsed):
            return cls([], [])
        orths, offsets = parsed.to_array(["ORTH", "IDX"]).T.tolist()
        return cls(orths, offsets)


def _sentence(
    parsed: Doc | None,
    columns: _Columns,
    first: int,
    stop: int,
    span: Span,
    text: str,
    customer: frozenset[str],
) -> Sentence:
    """Return one sentence with its key terms (the customer's own name left out)."""
    known = _TOKENS.get
    orths, offsets = columns.orths, columns.offsets
    seen: set[str] = set()
    terms: list[Term] = []
    starts: list[int] = []
    for i in range(first, stop):
        token = known(orths[i]) or _token(parsed, i, orths[i])
        term = token.term
        if term is not None and term.lemma not in seen and token.lower not in customer:
            seen.add(term.lemma)
            terms.append(term)
            starts.append(offsets[i])
    return Sentence(span, text[span.start : span.end], tuple(terms), tuple(starts))


def _capitalised(
    parsed: Doc | None, columns: _Columns, starts: set[int], names: set[str], lowercase: set[str]
) -> None:
    """Add the lemmas of runs of two or more capitalised words to names, and lowercase words to lowercase.

    starts holds where each sentence starts (a character offset): a name ends with its sentence.
    """
    run: list[str] = []
    for index, orth in enumerate(columns.orths):
        token = _TOKENS.get(orth) or _token(parsed, index, orth)
        if columns.offsets[index] in starts or not token.capital:
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
        token = _Token((), None, lemma, lower, False, False)
    else:
        term = _term(lower, lemma, word.is_stop, word.like_num, len(lower) == 2 and word.is_upper)
        forms = (lower, *term.forms) if term is not None else ()
        key = term if term is not None and term.rarity else None
        token = _Token(forms, key, lemma, lower, word.is_title and word.is_alpha, word.is_lower)
    if len(_TOKENS) >= _MAX_TOKENS:
        _TOKENS.clear()
    _TOKENS[orth] = token
    return token


@functools.lru_cache(maxsize=1 << 16)
def _term(lower: str, lemma: str, stop: bool, number: bool, acronym: bool = False) -> Term | None:
    """Return what one token contributes: the forms that match it and how much it says about the topic."""
    digits = "".join(char for char in lower if char.isdigit())
    if number or (digits and _MEASURE.fullmatch(lower)):
        # 14,900 and 14.900 are one amount; short numbers (3 times, 2 adults) say nothing.
        return Term(digits, (digits,), -1.0 if len(digits) >= 3 else 0.0, number=True) if digits else None
    if digits:  # an id such as HV-40977 or PXL4RT
        return Term(lower, (lower,), 1.0)
    if stop or not lower.isalpha() or (len(lower) < 3 and not acronym):  # but a DJ, a TV, a PC
        return None
    from wordfreq import zipf_frequency  # 0.14 s to import: only once a message or macro is compared

    rarity = (COMMON_ZIPF - zipf_frequency(lemma, "en")) / (COMMON_ZIPF - RARE_ZIPF)
    stem = lemma[:6]  # "electricity" touches "electric", "delivery" touches "delivered"
    return Term(lemma, (lemma, stem) if stem != lemma else (lemma,), min(1.0, max(0.0, rarity)))


def trim(text: str, span: Span) -> Span:
    """Return span without the whitespace at its ends."""
    chunk = text[span.start : span.end]
    start = span.start + len(chunk) - len(chunk.lstrip())
    return Span(start, max(start, span.start + len(chunk.rstrip())))


def touches(term: Term, forms: frozenset[str]) -> bool:
    """Return True when one of the term's forms is among the reply's word forms."""
    return not forms.isdisjoint(term.forms)
