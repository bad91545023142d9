"""phrase: report wording that commits a mistake, unless an exception matches in the same sentence."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..conditions import Trigger, When
from ..document import fold
from ..model import Finding, Span
from ..nlp import PhraseList, TokenPattern
from ..prefilter import candidates

if TYPE_CHECKING:
    from ..document import Document
    from ..rule import Rule

# Words said to the customer by someone else, quoted back: 'being told to "calm down"' reports
# the rudeness the customer met; it is not the agent's own voice.
_REPORTED = re.compile(
    r"\b(?:told|tell|telling|said|say|says|saying|wrote|replied|answered|heard|called it)\b"
    r"[^\"\n]{0,25}\"([^\"\n]{1,300})\"",
    re.IGNORECASE,
)
# Any quotation, in double or single quotes; an apostrophe inside a word ("can't") is no quote mark.
# Both branches open with the quote mark ('(?<!\w') is (?<!\w)' read after it), so `re` skips to the
# next quote mark instead of trying every position: a quarter of the time on a reply.
_QUOTATION = re.compile(r"\"([^\"\n]{1,300})\"|'(?<!\w')((?:[^'\n]|'(?=\w)){1,300}?)'(?!\w)")
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Options:
    phrases: tuple[str, ...] = ()  # case-insensitive, contractions folded ("don't" = "do not")
    lemma: bool = False  # match phrases on lemmas: "refund" also finds "refunded"
    regex: tuple[re.Pattern, ...] = ()  # case-insensitive, on the reply with curly quotes folded
    patterns: tuple[TokenPattern, ...] = ()  # spaCy Matcher patterns; keep them few, they cost
    unless: tuple[re.Pattern, ...] = ()  # drop a match when one of these matches in its sentence
    # Drop every match when one of these matches anywhere in the reply: "please don't reply to this
    # email" is no closed door when another line says "call us on 0330 221 5080".
    unless_reply: tuple[re.Pattern, ...] = ()
    # Drop every match when one of these matches in the customer's message: "contact her directly"
    # answers a customer who asked for the loss adjuster's number so as to call her themselves.
    unless_message: tuple[re.Pattern, ...] = ()
    when: When = field(default_factory=When)


def phrase_lists(rule: Rule) -> Iterator[PhraseList]:
    """Yield what the shared phrase index must look up for this rule."""
    options: Options = rule.options
    yield PhraseList(f"{rule.id}/phrases", options.phrases, options.lemma, options.patterns)


def trigger(rule: Rule) -> Trigger:
    """Return what a draft must hold for this rule to report: a hit of its phrases or a match of a regex."""
    options: Options = rule.options
    return Trigger(options.when, hits=(f"{rule.id}/phrases",), regex=options.regex)


def run(doc: Document, rule: Rule) -> Iterator[Finding]:
    """Yield one finding per match that no exception cancels."""
    options: Options = rule.options
    if not options.when.holds(doc):
        return
    spans = list(doc.hits.get(f"{rule.id}/phrases", ()))
    for regex in candidates(options.regex, doc.lowered):  # not those whose words the text lacks
        spans.extend(Span(m.start(), m.end()) for m in regex.finditer(doc.text) if m.end() > m.start())
    if spans and any(r.search(doc.text) for r in candidates(options.unless_reply, doc.lowered)):
        return
    if spans and doc.draft.complaint and options.unless_message:
        said = fold(doc.draft.complaint)  # curly quotes read as straight ones, as in the reply
        if any(r.search(said) for r in options.unless_message):
            return
    end = -1
    # Once per draft, not per match: the prefilter scans the whole text, so per match it was quadratic
    # (a 1,000,000-character draft with 15,000 matches took 99 s).
    unless = candidates(options.unless, doc.lowered) if spans else []
    cancelled: dict[Span, bool] = {}  # by sentence: a long one with many matches is searched once
    quoted = _quoted_speech(doc.text) if spans and '"' in doc.text else ()
    if spans and doc.draft.complaint:
        quoted += _customers_words(doc.text, doc.draft.complaint)
    for span in sorted(spans, key=lambda s: (s.start, -s.end)):
        if span.start < end:  # overlaps a match already reported
            continue
        if any(q.start <= span.start and span.end <= q.end for q in quoted):
            continue
        sentence = doc.sentence_at(span.start)
        if sentence not in cancelled:
            cancelled[sentence] = any(r.search(doc.text, sentence.start, sentence.end) for r in unless)
        if cancelled[sentence]:
            continue
        end = span.end
        yield rule.finding(span, doc.draft.reply[span.start : span.end])


def _quoted_speech(text: str) -> tuple[Span, ...]:
    """Return the spans of words quoted as said by someone else ('she told you "calm down"')."""
    return tuple(Span(*m.span(1)) for m in _REPORTED.finditer(text))


def _customers_words(text: str, complaint: str) -> tuple[Span, ...]:
    """Return the spans of quotations of the customer's own message ("you asked me not to say 'company policy'")."""
    said = _SPACE.sub(" ", fold(complaint)).lower()
    spans = []
    for match in _QUOTATION.finditer(text):
        group = 1 if match.group(1) is not None else 2
        words = _SPACE.sub(" ", match.group(group)).strip().lower()
        if words and words in said:
            spans.append(Span(*match.span(group)))
    return tuple(spans)
