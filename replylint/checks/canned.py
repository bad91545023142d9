"""canned: report a reply built from one of the team's macros that ignores the customer's message."""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rapidfuzz import fuzz, process, utils

from ..conditions import When
from ..keyterms import analyse, shared_terms, text_forms, trim
from ..model import Finding, Span
from ..nlp import PhraseList

if TYPE_CHECKING:
    from ..document import Document
    from ..rule import Rule

# Where a macro's sentences end: after . ! or ? and a space, and at every line break, as in a reply.
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")
# Template fields in a macro ({{first_name}}, [NAME], %{ticket.id}, <insert date>) are filled in the reply.
_PLACEHOLDER = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|[%#]\{.*?\}|\[[A-Z0-9 _.-]+\]|<[^<>\n]{1,40}>")


@dataclass(frozen=True, slots=True)
class Macro:
    """One saved reply of the team: its name is shown in findings."""

    name: str
    text: str


@dataclass(frozen=True, slots=True)
class Options:
    macros: tuple[Macro, ...] = ()  # the team's macros, written in the rule or config
    library: tuple[Macro, ...] = ()  # the same, read from a YAML file named relative to the rule or config
    min_score: float = 90.0  # rapidfuzz ratio (0-100) at which a reply sentence matches a macro sentence
    min_words: int = 6  # shorter sentences (greetings, sign-offs) are left out of the comparison
    min_sentences: int = 2  # macro sentences that must match (all of them, for a shorter macro)
    ignore: tuple[str, ...] = ()  # lemmas that never relate a reply to the message ("hi", "order")
    max_shared: float = 1.0  # the reply relates to the message when it shares more key-term weight than this
    min_terms: int = 3  # or at least this many of its key terms
    number_weight: float = 0.5  # weight of each number or id shared with it
    when: When = field(default_factory=When)

    def __post_init__(self) -> None:
        if not 0 < self.min_score <= 100:  # rapidfuzz refuses others, and run() divides by it
            raise ValueError(f"min-score must be more than 0 and at most 100, not {self.min_score:g}")


@dataclass(frozen=True, slots=True)
class _Library:
    """Every long macro sentence, processed for rapidfuzz and sorted by length."""

    texts: tuple[str, ...]
    lengths: tuple[int, ...]
    owners: tuple[int, ...]  # index of the macro each sentence comes from
    names: tuple[str, ...]
    needed: tuple[int, ...]  # sentences each macro needs matched
    forms: tuple[frozenset[str], ...]  # each macro's words and their stems, to compare with the customer's


def phrase_lists(rule: Rule) -> Iterator[PhraseList]:
    """Yield nothing: macros are compared sentence by sentence, not looked up as phrases."""
    return iter(())


def run(doc: Document, rule: Rule) -> Iterator[Finding]:
    """Yield a finding for each macro the reply is built from, when it ignores the customer's message."""
    options: Options = rule.options
    if doc.complaint is None or not options.when.holds(doc):
        return
    library = _library(options)
    if not library.texts:
        return
    matched: dict[int, list[Span]] = {}
    low = options.min_score / (200 - options.min_score)  # ratio >= score needs the lengths this close
    for sentence in doc.sentences:
        text = doc.text[sentence.start : sentence.end]
        if len(text.split()) < options.min_words:
            continue
        processed = utils.default_process(text)
        size = len(processed)
        first = bisect.bisect_left(library.lengths, size * low)
        last = bisect.bisect_right(library.lengths, size / low)
        if first == last:
            continue
        best = process.extractOne(
            processed,
            library.texts[first:last],
            scorer=fuzz.ratio,
            processor=None,
            score_cutoff=options.min_score,
        )
        if best is not None:
            matched.setdefault(library.owners[first + best[2]], []).append(sentence)
    if not matched:
        return
    analysis = analyse(doc)
    for owner, spans in matched.items():
        if len(spans) < library.needed[owner]:
            continue
        # Related when the macro itself, or what the agent wrote around it, takes up the customer's words;
        # the macro's own sentences in the reply do not count, or a filled-in order number would.
        forms = library.forms[owner].union(
            *(analysis.reply_forms(a.end, b.start) for a, b in _gaps(spans, doc))
        )
        shared = shared_terms(analysis, forms, _ignored(options.ignore), options.number_weight)
        if len(shared) < options.min_terms and sum(shared.values()) <= options.max_shared:
            yield _finding(rule, trim(doc.text, spans[0]), library.names[owner])


@functools.lru_cache(maxsize=64)
def _library(options: Options) -> _Library:
    """Split every macro into sentences once per configured rule."""
    rows = []
    names, needed, forms = [], [], []
    for index, macro in enumerate((*options.macros, *options.library)):
        count = 0
        text = _PLACEHOLDER.sub("", macro.text)
        forms.append(text_forms(text))
        for sentence in _SENTENCE_END.split(text):
            if len(sentence.split()) >= options.min_words:
                processed = utils.default_process(sentence)
                rows.append((len(processed), processed, index))
                count += 1
        names.append(macro.name)
        needed.append(min(count, options.min_sentences) if count else 1 << 30)
    rows.sort()
    return _Library(
        texts=tuple(text for _, text, _ in rows),
        lengths=tuple(length for length, _, _ in rows),
        owners=tuple(owner for _, _, owner in rows),
        names=tuple(names),
        needed=tuple(needed),
        forms=tuple(forms),
    )


def _gaps(spans: list[Span], doc: Document) -> Iterator[tuple[Span, Span]]:
    """Yield the stretches of the reply around the matched sentences, each as (span before, span after)."""
    edges = [Span(0, 0), *spans, Span(len(doc.text), len(doc.text))]
    yield from itertools.pairwise(edges)


@functools.lru_cache(maxsize=64)
def _ignored(words: tuple[str, ...]) -> frozenset[str]:
    return frozenset(word.lower() for word in words)


def _finding(rule: Rule, span: Span, macro: str) -> Finding:
    """Return a finding whose message names the macro ({macro}) and quotes where it starts ({match})."""
    message = rule.message.replace("{macro}", macro)
    return Finding(rule.id, rule.category, rule.severity, span, message, rule.suggestion)
