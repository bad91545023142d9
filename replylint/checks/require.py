"""require: report a reply that lacks something it needs, such as an apology for a complaint."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .. import regexes
from ..conditions import Trigger, When
from ..model import Finding, Span
from ..nlp import PhraseList
from ..prefilter import candidates

if TYPE_CHECKING:
    from ..document import Document
    from ..rule import Rule


@dataclass(frozen=True, slots=True)
class Options:
    any: tuple[str, ...] = ()  # at least one of these must appear
    regex: tuple[re.Pattern, ...] = ()  # or a match of one of these (case-insensitive, curly quotes folded)
    not_: tuple[str, ...] = ()  # forms that do not count, such as "sorry for any inconvenience"
    # Shapes of forms that do not count that phrases cannot hold: a condition before the apology, "If
    # there has been any confusion over the bill, we apologise".
    not_regex: tuple[re.Pattern, ...] = ()
    # A form that does not count voids the rest of its clause: "Sorry if you feel we let you down" owns
    # nothing, but "sorry you're unhappy with it, and you have every right to be" has empathy after the comma.
    not_clause: bool = False
    only_if: tuple[str, ...] = ()  # required only when one of these appears (a problem still open)
    # Openings of a reply sentence by which the reply reads the message as a question or as news ("Yes,",
    # "Good news:", "Thanks for the heads-up"): they spare a reply to a message that reports no more than
    # `enquiry_problems` problems ("Do you offer payment plans? I can't pay it all up front").
    enquiry_openings: tuple[str, ...] = ()
    enquiry_problems: int = 1
    lemma: bool = False  # match the lists on lemmas
    when: When = field(default_factory=When)  # when it is required, e.g. {complaint: true}


def phrase_lists(rule: Rule) -> Iterator[PhraseList]:
    """Yield what the shared phrase index must look up for this rule."""
    options: Options = rule.options
    yield PhraseList(f"{rule.id}/any", options.any, options.lemma)
    yield PhraseList(f"{rule.id}/not", options.not_, options.lemma)
    yield PhraseList(f"{rule.id}/only-if", options.only_if, options.lemma)


def trigger(rule: Rule) -> Trigger:
    """Return what a draft must hold for this rule to report: its context, as it reports an absence."""
    options: Options = rule.options
    return Trigger(options.when)


def run(doc: Document, rule: Rule) -> Iterator[Finding]:
    """Yield one finding when nothing that counts appears; point at a form that does not count.

    A form that does not count ("do not reply") is reported even where `only-if` finds nothing.
    """
    options: Options = rule.options
    if not options.when.holds(doc) or _read_as_enquiry(doc, options):
        return
    excluded = doc.hits.get(f"{rule.id}/not", ())
    if options.not_regex:
        not_regex = candidates(options.not_regex, doc.lowered)  # not those whose words the text lacks
        shapes = [Span(m.start(), m.end()) for regex in not_regex for m in regex.finditer(doc.text)]
        excluded = tuple(sorted((*excluded, *shapes)))
    voided = tuple(_clause(doc, span) for span in excluded) if options.not_clause else excluded
    for span in doc.hits.get(f"{rule.id}/any", ()):
        if not any(span.start < other.end and other.start < span.end for other in voided):
            return
    for regex in candidates(options.regex, doc.lowered):
        for match in regex.finditer(doc.text):
            if not any(match.start() < other.end and other.start < match.end() for other in voided):
                return
    if excluded:
        first = excluded[0]
        yield rule.finding(first, doc.draft.reply[first.start : first.end])
    elif not options.only_if or doc.hits.get(f"{rule.id}/only-if"):
        yield rule.finding(None)


def _read_as_enquiry(doc: Document, options: Options) -> bool:
    """Does the reply open a sentence as an answer to a question, for a message of few problems?"""
    if not options.enquiry_openings or not 0 < doc.problems <= options.enquiry_problems:
        return False
    return _openings(options.enquiry_openings).search(doc.text) is not None


@functools.lru_cache(maxsize=64)
def _openings(openings: tuple[str, ...]) -> re.Pattern:
    words = regexes.alternation(openings)
    # (?!\w) rather than \b: an opening may end in punctuation ("They are." answers "are they still on?").
    return re.compile(rf"(?:^|[.!?:]\s+|\n\s*)(?:{words})(?!\w)", re.IGNORECASE)


def _clause(doc: Document, span: Span) -> Span:
    """Return span stretched to the end of its clause: the next comma or semicolon, or the sentence end."""
    end = doc.sentence_at(span.start).end
    stop = _CLAUSE_END.search(doc.text, span.end, end)
    return Span(span.start, stop.start() if stop else end)


_CLAUSE_END = re.compile(r"[,;]")
