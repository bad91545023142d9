"""boilerplate: report a reply of stock sentences that never speaks to the customer's own case."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..conditions import When
from ..keyterms import analyse, message_terms, touches
from ..model import Finding
from ..nlp import PhraseList

if TYPE_CHECKING:
    from ..document import Document
    from ..rule import Rule


@dataclass(frozen=True, slots=True)
class Options:
    # Stock text, on lemmas: "thank you for contacting", "please note", "if you wish to cancel".
    stock: tuple[str, ...] = ()
    # An agent speaking to this case ("I've checked", "I'll", "let me"): one spares the reply.
    personal: tuple[str, ...] = ()
    min_sentences: int = 2  # reply sentences holding stock text before the reply is reported
    # Or one such sentence, in a reply that takes up less than this share of the key-term weight of the
    # customer's message (0: never): "Thank you for contacting us" over a how-to for another question.
    max_share: float = 0.0
    min_weight: float = 1.5  # a message lighter than this ("thanks, all sorted!") is too short to judge by
    ignore: tuple[str, ...] = ()  # lemmas that never relate a reply to the message ("hi", "order")
    number_weight: float = 0.5  # weight of a number or id of the message
    when: When = field(default_factory=When)


def phrase_lists(rule: Rule) -> Iterator[PhraseList]:
    """Yield the stock phrases and the personal ones, both looked up in the reply."""
    options: Options = rule.options
    yield PhraseList(f"{rule.id}/stock", options.stock, lemma=True)
    yield PhraseList(f"{rule.id}/personal", options.personal, lemma=True)


def run(doc: Document, rule: Rule) -> Iterator[Finding]:
    """Yield one finding, at the first stock phrase, for a reply to a message made of stock sentences."""
    options: Options = rule.options
    stock = doc.hits.get(f"{rule.id}/stock", ())
    if doc.complaint is None or not stock or doc.hits.get(f"{rule.id}/personal") or not options.when.holds(doc):
        return
    sentences = {doc.sentence_at(span.start) for span in stock}
    if len(sentences) >= max(1, options.min_sentences) or _unrelated(doc, options):
        first = stock[0]
        yield rule.finding(first, doc.draft.reply[first.start : first.end], count=str(len(sentences)))


def _unrelated(doc: Document, options: Options) -> bool:
    """Does the reply take up less than max-share of the weight of the customer's key terms?"""
    if options.max_share <= 0:
        return False
    analysis = analyse(doc)
    ignore = frozenset(word.lower() for word in options.ignore)
    terms = message_terms(analysis, ignore, options.number_weight).values()
    total = sum(weight for _, weight in terms)
    if total < options.min_weight:
        return False
    forms = analysis.reply_forms(0, len(doc.text))
    return sum(weight for term, weight in terms if touches(term, forms)) < options.max_share * total
