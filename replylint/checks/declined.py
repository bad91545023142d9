"""declined: the customer says what they do not want ("I don't want a refund"), and the reply gives just that."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..conditions import When
from ..model import Finding, Span
from ..nlp import PhraseList

if TYPE_CHECKING:
    from ..document import Document
    from ..rule import Rule


@dataclass(frozen=True, slots=True)
class Options:
    # Phrases by which the customer turns something down ("I don't want", "I'm not after"), on lemmas.
    refuse: tuple[str, ...] = ()
    # What a reply can give, each with the words that name it ("refund": [refund, money back]), on lemmas.
    offers: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # How many words may come between the refusal and the offer: "I don't want a refund or a voucher".
    max_gap: int = 4
    # Words that make the refusal about something else: "I don't want to wait for a refund".
    breaks: tuple[str, ...] = ()
    # A reply sentence with one of these heard the customer ("instead of a refund", "as you asked").
    unless: tuple[re.Pattern, ...] = ()
    when: When = field(default_factory=When)


def phrase_lists(rule: Rule) -> Iterator[PhraseList]:
    """Yield the refusals (complaint) and each offer's words (both texts)."""
    options: Options = rule.options
    yield PhraseList(f"{rule.id}/refuse", options.refuse, lemma=True, target="complaint")
    for offer, words in options.offers.items():
        yield PhraseList(f"{rule.id}/offer/{offer}", words, lemma=True, target="both")


def run(doc: Document, rule: Rule) -> Iterator[Finding]:
    """Yield one finding per offer the customer turned down that the reply still makes."""
    options: Options = rule.options
    refusals = doc.complaint_hits.get(f"{rule.id}/refuse", ())
    if not refusals or not options.when.holds(doc):
        return
    complaint = doc.draft.complaint or ""
    for offer in options.offers:
        key = f"{rule.id}/offer/{offer}"
        refused = _refused(complaint, refusals, doc.complaint_hits.get(key, ()), options)
        if refused is None:
            continue
        for hit in doc.hits.get(key, ()):
            sentence = doc.sentence_at(hit.start)
            if any(p.search(doc.draft.reply, sentence.start, sentence.end) for p in options.unless):
                continue
            yield rule.finding(hit, doc.draft.reply[hit.start : hit.end], said=complaint[refused.start : refused.end])
            break  # one finding per offer: the first time the reply makes it


_ENDS = re.compile(r"[.!?;]\s|\n")
# A refusal of what was just named: "I don't want that." (not "I don't want it to happen again")
_POINTER = re.compile(r"\s+(?:that|this|it|one|those|them)\b(?=\s*(?:[.,;:!?\n]|$))", re.IGNORECASE)


def _refused(complaint: str, refusals: tuple[Span, ...], named: tuple[Span, ...], options: Options) -> Span | None:
    """Return the customer's words from a refusal to the offer it turns down, if one does."""
    for refusal in refusals:
        pointer = _POINTER.match(complaint, refusal.end)
        for hit in named:
            if hit.start < refusal.end:
                # "I saw you offer a pause. I don't want that": the offer just before, pointed back at.
                if pointer and len(_ENDS.findall(complaint, hit.end, refusal.start)) <= 1:
                    return Span(hit.start, pointer.end())
                continue
            between = complaint[refusal.end : hit.start]
            gap = re.findall(r"[\w']+", between.lower())
            # "I don't want to rebook": a lone "to" names the refused action itself, not something else.
            breaks = set(gap) & set(options.breaks) if gap != ["to"] else set()
            # Not across a sentence: "a box I don't want. Please refund it."
            if len(gap) <= options.max_gap and not breaks and not _ENDS.search(between):
                return Span(refusal.start, hit.end)
    return None
