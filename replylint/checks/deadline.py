"""deadline: the customer needs something by a date ("before Friday"), and the reply never speaks to it."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .. import dates, prefilter, regexes
from ..conditions import When
from ..nlp import PhraseList

if TYPE_CHECKING:
    from ..document import Document
    from ..model import Finding
    from ..rule import Rule


@dataclass(frozen=True, slots=True)
class Options:
    # Words that put a date on what the customer needs: "by Friday", "before the 20th", "deadline is".
    lead: tuple[str, ...] = ()
    # The sentence with the date must say it is needed ("I need", "can you"): "I cancelled before the 14th"
    # tells what happened, it sets no deadline.
    need: re.Pattern = re.compile(r"\bneed|\bdeadline|\bcan you", re.IGNORECASE)
    # Reply words that speak to the timing without naming a date: "in time", "tomorrow", "by courier".
    timing: re.Pattern = re.compile(r"\bin time\b|\btoday\b|\btomorrow\b", re.IGNORECASE)
    # Words that point back to a date named earlier in the sentence: "I fly on Friday 20th and need
    # them before then".
    back: re.Pattern = re.compile(r"\b(?:before|by) then\b", re.IGNORECASE)
    # Words before a reply's date that put it in the past: "the valuation was booked for last Thursday".
    past: re.Pattern = re.compile(r"\blast\s+$", re.IGNORECASE)
    when: When = field(default_factory=When)


def phrase_lists(rule: Rule) -> Iterator[PhraseList]:
    """Yield nothing: dates are read by pattern, in the two sentences that matter."""
    return iter(())


def run(doc: Document, rule: Rule) -> Iterator[Finding]:
    """Yield one finding when the customer's deadline is neither named nor met in the reply."""
    options: Options = rule.options
    complaint = doc.draft.complaint
    if not complaint or not options.lead or not options.when.holds(doc):
        return
    # Most messages name no deadline: a substring test in lowercase spares each pattern's scan.
    lowered = prefilter.lowered(complaint)
    match = None
    if _may_lead(lowered, options.lead):
        needed = (m for m in _deadline_pattern(options.lead).finditer(complaint) if _needed(complaint, m, options))
        match = next(needed, None)
    if match is None and _may_match(options.back, lowered):
        match = _pointed_back(complaint, options)
    if match is None:
        return
    deadline, reply = dates.parse(match), doc.draft.reply
    if options.timing.search(reply):
        return
    for said in dates.DATE.finditer(reply):
        past = options.past.search(reply, max(0, said.start() - 8), said.start())
        if not past and dates.not_after(dates.parse(said), deadline):
            return
    yield rule.finding(None, match.group(0))


def _pointed_back(complaint: str, options: Options) -> re.Match | None:
    """Return the date that "before then" points back to, in a sentence that says it is needed; the date
    may be in the sentence before ("My interview is on Friday 14 June. Any way to get it before then?")."""
    for back in options.back.finditer(complaint):
        start, end = _bounds(complaint, back.start())
        named = list(dates.DATE.finditer(complaint, start, back.start()))
        if not named and start > 1:
            named = list(dates.DATE.finditer(complaint, _bounds(complaint, start - 2)[0], start))
        if named and options.need.search(complaint, start, end):
            return named[-1]
    return None


def _may_lead(lowered: prefilter.Lowered | None, lead: tuple[str, ...]) -> bool:
    """Return False only when the text certainly holds none of the lead phrases."""
    return lowered is None or any(word in lowered.text for word in _longest_words(lead))


@functools.lru_cache(maxsize=16)
def _longest_words(lead: tuple[str, ...]) -> tuple[str, ...]:
    """Return the longest word of each lead phrase, in lowercase: a phrase cannot match without it."""
    return tuple(max(phrase.lower().split(), key=len, default="") for phrase in lead)


def _may_match(pattern: re.Pattern | regexes.Pattern, lowered: prefilter.Lowered | None) -> bool:
    """Return False only when pattern certainly finds nothing in the text lowered lowers."""
    # Not prefilter.may_match: on a message it would run the whole automaton (25-60 µs) for one pattern.
    needs = _needs(pattern)
    return lowered is None or needs is None or all(any(word in lowered.text for word in need) for need in needs)


@functools.lru_cache(maxsize=16)
def _needs(pattern: re.Pattern | regexes.Pattern) -> tuple[tuple[str, ...], ...] | None:
    return prefilter.required(pattern.pattern, pattern.flags & re.VERBOSE)


def _needed(complaint: str, match: re.Match, options: Options) -> bool:
    return bool(options.need.search(_sentence(complaint, match.start())))


def _sentence(text: str, at: int) -> str:
    start, end = _bounds(text, at)
    return text[start:end]


def _bounds(text: str, at: int) -> tuple[int, int]:
    """Return where the sentence around offset `at` starts and ends: the last stop before it, the next after."""
    start = max(text.rfind(stop, 0, at) for stop in ".!?\n") + 1
    ends = [i for i in (text.find(stop, at) for stop in ".!?\n") if i >= 0]
    return start, min(ends) + 1 if ends else len(text)


@functools.lru_cache(maxsize=16)
def _deadline_pattern(lead: tuple[str, ...]) -> re.Pattern:
    words = regexes.alternation(lead)
    return re.compile(rf"\b(?:{words})\s+(?:this\s+|on\s+)?{dates.PATTERN}", re.IGNORECASE)
