"""Is the customer's message a complaint? Lexicon-based, so every verdict can be explained."""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from . import nlp, options, prefilter, regexes, yamlfile
from .document import fold
from .errors import ConfigError
from .model import Span
from .nlp import PhraseList

if TYPE_CHECKING:
    from spacy.tokens import Doc

LEXICON = Path(__file__).parent / "lexicons" / "complaint.yaml"
# Not "When I collected my bike, ..." nor "Where we live": a subject after when or where tells when.
QUESTION_START = re.compile(
    r"^\W*(?!(?:when|where)\s+(?:i|we|my|our|the|you|he|she|they|it)\b)"
    r"(how|what|when|where|which|who|why|can|could|do|does|is|are|will|would|should|may)\b",
    re.IGNORECASE,
)
# A problem word after these is a hypothetical: "is it covered if the screen cracks?", "without losing".
HYPOTHETICAL = re.compile(r"\b(if|whether|in case|without|unless)\b", re.IGNORECASE)
PAST = re.compile(r"ed\b|\bbought\b", re.IGNORECASE)  # "booked", "ordered", "signed up", "bought"
# A question opening with these reports what it asks about: "Why was I charged twice?", "Surely
# that can't be right?", "What's going on?".
RHETORICAL = re.compile(
    r"^\W*(why|surely|what(?:'|’)?s going on|what is going on|what are you going to do)\b", re.IGNORECASE
)


@dataclass(frozen=True, slots=True)
class Lexicon:
    """The words by which a customer reports that something went wrong."""

    problem: tuple[str, ...] = ()  # a problem wherever it appears ("arrived broken", "charged twice")
    request: tuple[str, ...] = ()  # a problem only outside a question ("refund": "how long do refunds take?" is not)
    difficulty: tuple[str, ...] = ()  # a problem only when the message asks no how-to ("can't find")
    how_to: tuple[str, ...] = ()  # asking how to do something ("how do I", "where can I")
    regex: tuple[re.Pattern, ...] = ()  # problem shapes phrases cannot hold ("want the £90 back")
    not_: tuple[str, ...] = ()  # cancel an overlapping problem ("no problem", "no issues")
    praise: tuple[str, ...] = ()  # with at most one problem, the message is praise
    presale: tuple[str, ...] = ()  # asking before buying ("before I book"): with at most one problem, an enquiry
    wish: tuple[str, ...] = ()  # a feature asked for ("feature idea"): with at most one problem, a suggestion
    slip: tuple[str, ...] = ()  # the customer's own slip ("by mistake"): at most one problem is theirs
    blameless: tuple[str, ...] = ()  # the customer clears the company ("not your fault"): no complaint at all


@functools.cache
def lexicon(path: Path = LEXICON) -> Lexicon:
    """Load and validate the lexicon file."""
    data = yamlfile.load(path, ConfigError)
    return options.build(Lexicon, data, path, 1, what="lexicon")


def phrase_lists(path: Path = LEXICON) -> Iterator[PhraseList]:
    """Yield the lexicon's phrase lists, looked up on lemmas in the customer's message."""
    words = lexicon(path)
    lists = ("problem", "request", "difficulty", "how_to", "not_", "praise", "presale", "wish", "slip", "blameless")
    for name in lists:
        yield PhraseList(f"complaint/{name}", getattr(words, name), lemma=True, target="complaint")


def evidence(
    doc: Doc, hits: Mapping[str, tuple[Span, ...]], path: Path = LEXICON, text: str | None = None
) -> list[Span]:
    """Return the spans of the message that report a problem (empty: an enquiry, request or praise)."""
    # Doc.text joins every token again on each call: take the message as given when the caller has it.
    text = doc.text if text is None else text
    # Sentence bounds found once, and what _reported learns about each sentence: per word, Span.sent
    # and the searches scan the whole sentence, and a customer's message of one 80,000-character
    # sentence holding "refund" 11,000 times took 20 s.
    seen: dict = {"bounds": nlp.sentence_bounds(doc)}
    seen["starts"] = [start for start, _ in seen["bounds"]]
    found = [s for s in hits.get("complaint/problem", ()) if _reported(text, s, True, seen)]
    found.extend(s for s in hits.get("complaint/request", ()) if _reported(text, s, False, seen))
    budget = regexes.Budget(len(text))  # each shape gets its own time; the environment is read once
    for regex in _candidate_shapes(text, path):
        budget.refill()
        try:
            with budget:
                matches = [Span(m.start(), m.end()) for m in regex.finditer(text)]
            found.extend(s for s in matches if _reported(text, s, True, seen))
        except regexes.RegexTimeout:  # a shape too slow on this message: the phrase lists still count
            continue
    if not hits.get("complaint/how_to"):
        found.extend(s for s in hits.get("complaint/difficulty", ()) if _reported(text, s, True, seen))
    cancelled = hits.get("complaint/not_", ())
    return _distinct(s for s in found if not _overlaps(s, cancelled))


@functools.cache
def _twins(path: Path = LEXICON) -> tuple[tuple[regexes.Pattern, ...], dict[int, re.Pattern]]:
    """Return the lexicon's shapes with typographic quotes folded to ASCII, and the shape of each twin."""
    shapes = lexicon(path).regex
    twins = tuple(regexes.Pattern(fold(s.pattern), s.flags, s.path, s.line) for s in shapes)
    return twins, {id(twin): shape for twin, shape in zip(twins, shapes, strict=True)}


def _candidate_shapes(text: str, path: Path = LEXICON) -> list[re.Pattern]:
    """Return the lexicon's shapes that may match text, as the prefilter tells from their folded twins."""
    # The prefilter's needs are ASCII, so a shape allowing "won't" and "won’t" had none and was searched
    # on every message; its twin allows "won't" alone, which the folded message holds in either case.
    twins, shapes = _twins(path)
    return [shapes[id(twin)] for twin in prefilter.candidates(twins, prefilter.lowered(fold(text)))]


def _distinct(spans: Iterable[Span]) -> list[Span]:
    """Return spans in order, without any that overlaps one before it: "can't" and "can't find" are one problem."""
    kept: list[Span] = []
    for span in sorted(spans, key=lambda s: (s.start, -s.end)):
        if not kept or span.start >= kept[-1].end:
            kept.append(span)
    return kept


def _reported(text: str, span: Span, allow_why: bool, seen: dict) -> bool:
    """Is this problem word reported as having happened, rather than asked about or supposed?"""
    if text[span.end : span.end + 1] == "-" or text[span.start - 1 : span.start] == "-":
        return False  # part of a compound: "break-glass account", "late-night"
    start, end = seen["bounds"][max(bisect.bisect_right(seen["starts"], span.start) - 1, 0)]
    if _inside_a_name(text, span, start):
        return False
    if start not in seen:
        said = text[start:end]
        supposed = HYPOTHETICAL.search(said)
        why = RHETORICAL.match(said) is not None
        seen[start] = (start + supposed.end() if supposed else None, _is_question(said), why)
    supposed_end, question, why = seen[start]
    if supposed_end is not None and supposed_end <= span.start:  # "if", "without"... before the word
        return False
    if question:
        # "Why was I charged twice?" is a complaint; "How do I move it without losing comments?" is not.
        return allow_why and why
    return True


def _inside_a_name(text: str, span: Span, sentence_start: int) -> bool:
    """Is the word capitalised where a line or sentence does not start, as in "4 Orchard Close"?"""
    if not (text[span.start].isupper() and text[span.start + 1 : span.start + 2].islower()):
        return False  # lowercase, all caps ("BROKEN"), or "I was charged"
    before = text[sentence_start : span.start].rstrip(" \t\"'(*-\u2022")
    return bool(before) and before[-1] not in "\n.!?:;"


def problems(doc: Doc, hits: Mapping[str, tuple[Span, ...]], text: str | None = None) -> int:
    """Return how many problems make the message a complaint, something that went wrong: 0 for none, and
    for praise, a question before buying, a feature asked for or the customer's own slip with one problem."""
    if hits.get("complaint/blameless"):
        return 0  # "The power cut wiped the clock. Not your fault obviously.": nothing to apologise for
    slips = [s for s in hits.get("complaint/slip", ()) if not _overlaps(s, hits.get("complaint/not_", ()))]
    # "I paid twice by mistake": the slip is no problem, and one problem besides may be the customer's own.
    found = [p for p in evidence(doc, hits, text=text) if not _overlaps(p, slips)]
    said = doc.text if text is None else text
    # Phrases match on lemmas, so "before I ordered" is found too: a question before buying is not in the past.
    presale = [s for s in hits.get("complaint/presale", ()) if not PAST.search(said, s.start, s.end)]
    if hits.get("complaint/praise") or hits.get("complaint/wish") or presale or slips:
        return len(found) if len(found) > 1 else 0
    return len(found)


def _overlaps(span: Span, others: Iterable[Span]) -> bool:
    return any(span.start < other.end and other.start < span.end for other in others)


def _is_question(sentence: str) -> bool:
    return sentence.rstrip().endswith("?") or bool(QUESTION_START.match(sentence))
