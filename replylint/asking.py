"""Asking: where a customer's message asks something, and where a reply answers.

Text alone, no rule: how a sentence strings questions together ("why X, and how do I Y?"), which
words open a question, and which reply sentences open with an answer ("Yes, ...").
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from . import regexes
from .keyterms import WORD, Sentence
from .model import Span

# "or" strings on an alternative: "is it fixable, or will I need a new frame?" asks one thing.
_OR = re.compile(r"\bor\b", re.IGNORECASE)

# A question listed under a number, "(2) Can I..." or "2. Can I...", and a reply line under the same.
_NUMBERED = re.compile(r"(?<![\w.,£$€])\(?([1-9])[.)]\s")
ITEM = re.compile(r"^[ \t]*\(?([1-9])[.)]\s", re.MULTILINE)

# The first two words (keyterms.WORD) within a text's first 60 characters: one match, not a findall.
_FIRST_WORDS = re.compile(rf"[^a-z]*({WORD.pattern})(?:[^a-z]*({WORD.pattern}))?")

# A word joining a question to the one before: "And can the data be shared?" asks "can".
_JOINED = re.compile(r"^\W*(?:and|also|but|so|plus)\s+(?:also\s+)?", re.IGNORECASE)


def answer_spans(reply: str, end: int, answers: tuple[str, ...]) -> list[tuple[int, int]]:
    """Return (start, end) of each reply sentence before `end` that opens with one of the answers."""
    if not answers:
        return []
    opening, after_stop = _answer_patterns(answers)
    first = opening.match(reply, 0, end)
    found = [first.span(1)] if first else []
    return found + [match.span(1) for match in after_stop.finditer(reply, first.end() if first else 0, end)]


@functools.lru_cache(maxsize=64)
def _answer_patterns(answers: tuple[str, ...]) -> tuple[re.Pattern, re.Pattern]:
    """Return the patterns of an answer opening the reply and of one after a stop, colon or line break.
    Two patterns, not one opening with "^ or a stop": `re` skips ahead to a class of characters that
    opens a pattern, where "^|" makes it try every character (two to three times the cost a reply)."""
    words = regexes.alternation(answers)
    # (?!\w) rather than \b: an answer may end in punctuation ("It can: both SIMs share it").
    answer = rf"[ \t]*((?:{words})(?!\w)[^.!?\n]*)"
    return re.compile(answer, re.IGNORECASE), re.compile(rf"[.!?:\n]{answer}", re.IGNORECASE)


def clauses(sentence: Sentence, breaks: re.Pattern) -> Iterator[tuple[Span, bool]]:
    """Split a sentence before each question it strings on: "why X, and how do I Y?" is two. Each
    clause comes with whether "or" strings it on."""
    start, alternative = sentence.span.start, False
    matches = list(breaks.finditer(sentence.text))
    # "why X, what Y, and why Z?" lists its questions: a bare comma splits them as the ", and" does.
    listed = any(match.group().startswith(",") and match.group("comma") is None for match in matches)
    for match in matches:
        if match.start() > 0 and (listed or match.group("comma") is None):
            yield Span(start, sentence.span.start + match.start()), alternative
            start = sentence.span.start + match.end()
            alternative = _OR.search(match.group()) is not None
    yield Span(start, sentence.span.end), alternative


def alternatives(questions: list[tuple[Span, dict, bool]], index: int) -> range:
    """Return the indexes of the questions strung on one another with "or", this one among them."""
    first = index
    while first > 0 and questions[first][2]:
        first -= 1
    last = index + 1
    while last < len(questions) and questions[last][2]:
        last += 1
    return range(first, last)


def item_number(text: str, clause: Span) -> str | None:
    """Return the number a question is listed under ("2) Does it..." is 2), or None."""
    found = _NUMBERED.search(text, clause.start, clause.end)  # the first: "2) Is it? 3)" is 2
    return found.group(1) if found else None


@functools.lru_cache(maxsize=256)
def interrogatives(phrases: tuple[str, ...]) -> tuple[frozenset[str], re.Pattern]:
    """Return the openings that make a question, and where a sentence strings on another question."""
    openings = frozenset(" ".join(phrase.lower().split()) for phrase in phrases)
    first = sorted({phrase.split(" ", 1)[0] for phrase in openings}, key=len, reverse=True)
    words = "|".join(re.escape(word) for word in first) or "(?!)"
    # A bare comma splits only a list of questions: "I want a refund, which is faster?" is one question.
    joins = r"(?:[;:]\s*|,?\s+(?:and|or|but)\s+|(?P<comma>,\s+))(?:(?:also|\w+ly)\s+)?"
    # "...: 1) can we bring music, 2) how many cars" lists its questions under numbers.
    # The first lookahead is a cheap test at each character (every join starts with one of these): it
    # spares trying the three joins at every letter, a third of the search.
    breaks = re.compile(rf"(?=[;:,\s]){joins}(?=(?:\(?[1-9][.)]\s+)?(?:{words})\b)", re.IGNORECASE)
    return openings, breaks


def without_greeting(text: str, clause: Span) -> str:
    """Return the clause without a greeting or a joining word before it: "Hiya, can I book in" and "And
    can the data be shared?" open with "can"."""
    words = text[clause.start : clause.end]
    head, comma, rest = words.partition(",")
    words = rest if comma and len(head.split()) <= 2 else words
    return _JOINED.sub("", words, count=1)


def opens(text: str, openings: frozenset[str]) -> bool:
    """Return True when text starts with one of the openings (its first word or first two words)."""
    found = _FIRST_WORDS.match(text.lower(), 0, 60)
    if found is None:
        return False
    first, second = found.groups()
    return first in openings or (second is not None and f"{first} {second}" in openings)
