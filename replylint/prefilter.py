"""Literal prefilters: skip a rule regex on a text that lacks every string a match must contain.

Most rule regexes never match a given reply, yet each search costs microseconds of setup (and a
time budget). A regex such as `\\b(our|company) policy\\b` cannot match a text without "policy", and a
substring test in lowercase is far cheaper than the search. The prefilter only ever says "cannot
match" when that is certain, so findings never change; when in doubt it says "may match".
"""

from __future__ import annotations

import functools
import re
import warnings
from typing import Protocol

try:  # the parser behind re.compile; private, so any surprise just turns the prefilter off
    from re import _constants as _op
    from re import _parser
except ImportError:  # pragma: no cover - other Pythons
    _parser = None

# Under IGNORECASE these match an ASCII letter (i, s) but do not lowercase to it: "ſorry" matches
# "sorry". A text holding one is searched without a prefilter.
_UNSAFE = ("\u0130", "\u0131", "\u017f")
_MIN_LENGTH = 2  # a requirement of single characters filters nothing
_FIRST_USE = ("",)  # placeholder for a pattern seen once: searched without a prefilter
_by_id: dict[int, tuple[object, tuple[str, ...] | None]] = {}  # id(regex) -> (regex, required strings)


class Searchable(Protocol):
    pattern: str
    flags: int


def lowered(text: str) -> str | None:
    """Return text in lowercase for may_match(), or None when lowercase could hide a match."""
    if not text.isascii() and any(char in text for char in _UNSAFE):
        return None
    return text.lower()


def may_match(regex: Searchable, lowered_text: str | None) -> bool:
    """Return False only when regex certainly finds nothing in the text that lowered_text lowers."""
    if lowered_text is None:
        return True
    # By identity: hashing the pattern, or testing its flags (an enum), costs more than the test itself.
    entry = _by_id.get(id(regex))
    if entry is None or entry[0] is not regex:
        if len(_by_id) > 4096:
            _by_id.clear()
        # Parsing a pattern costs a hundred searches: a one-draft run (a hook, `check one.txt`) skips it.
        _by_id[id(regex)] = (regex, _FIRST_USE)
        return True
    needed = entry[1]
    if needed is _FIRST_USE:
        needed = required(regex.pattern, regex.flags & re.VERBOSE)
        _by_id[id(regex)] = (regex, needed)
    if needed is None:
        return True
    for word in needed:
        if word in lowered_text:
            return True
    return False


@functools.lru_cache(maxsize=4096)
def required(pattern: str, flags: int = 0) -> tuple[str, ...] | None:
    """Return lowercase ASCII strings of which every match contains one, or None when there are none."""
    if _parser is None:
        return None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # a construct `re` reads differently from `regex`: give up
            tree = _parser.parse(pattern, flags)
    except Exception:  # noqa: BLE001 - syntax only `regex` knows (\p{L}, \m...): no prefilter
        return None
    if "{" in pattern and _has_literal(tree, ord("{")):
        return None  # `regex` reads "{e<=1}" as fuzzy matching, `re` as five literal characters
    _, found = _sequence(tree)
    return tuple(sorted(found)) if found is not None else None


def _has_literal(items, code: int) -> bool:
    """Return whether the parsed pattern holds the literal character `code` anywhere."""
    for op, av in items:
        if op is _op.LITERAL and av == code:
            return True
        nested = av if isinstance(av, (list, tuple)) else ()
        for part in nested:
            if isinstance(part, _parser.SubPattern) and _has_literal(part, code):
                return True
            if isinstance(part, list) and any(_has_literal(b, code) for b in part if isinstance(b, _parser.SubPattern)):
                return True
    return False


# A node is described by two sets of lowercase strings, either of which may be unknown (None):
# `exact`, every string the node can match (a few short words), and `needed`, strings of which every
# match contains one. Exact sets multiply along a sequence: "(our|company) policy" needs
# {"our policy", "company policy"}, which rules out far more texts than " policy" alone.
Sets = tuple[frozenset[str] | None, frozenset[str] | None]
_EMPTY = frozenset([""])
_MAX_EXACT = 64  # beyond this many strings, multiplying costs more than it tells
# What a need costs, in microseconds on a reply: a substring test each string, and the search whenever
# the text holds one of them.
_TEST_COST, _SEARCH_COST = 0.5, 6.0
_LETTERS = re.compile("[a-z]+")


def _sequence(items) -> Sets:
    """Every item of a sequence must match in turn: multiply exact sets, keep the cheapest need."""
    candidates: list[frozenset[str]] = []
    runs: list[list[frozenset[str]]] = [[]]  # the exact sets of consecutive exact items
    for op, av in items:
        exact, needed = _node(op, av)
        if exact is not None:
            run = runs[-1]
            if len(exact) == 1 and run and len(run[-1]) == 1:
                # Letters in a row are one word: a need is never cut out of the middle of one ("ou" of "your").
                run[-1] = frozenset([next(iter(run[-1])) + next(iter(exact))])
            else:
                run.append(exact)
            continue
        runs.append([])
        if needed is not None:
            candidates.append(needed)
    for run in runs:
        candidates.extend(_windows(run))
    whole = None
    if len(runs) == 1:
        whole = _EMPTY
        for exact in runs[0]:
            whole = frozenset(a + b for a in whole for b in exact)
            if len(whole) > _MAX_EXACT:
                whole = None
                break
    return whole, _cheapest(candidates)


def _windows(run: list[frozenset[str]]):
    """Yield the product of every stretch of consecutive exact items: "to blame" in "(I|we) am to blame"."""
    for first in range(len(run)):
        product = _EMPTY
        for exact in run[first:]:
            product = frozenset(a + b for a in product for b in exact)
            if len(product) > _MAX_EXACT:
                break
            yield product


def _cheapest(candidates: list[frozenset[str]]) -> frozenset[str] | None:
    """Return the need that costs least to test and to search past, or None when none beats the search."""
    best, least = None, _SEARCH_COST
    for words in candidates:
        if "" in words or min(len(w) for w in words) < _MIN_LENGTH:
            continue
        words = _shortest(words)
        chance = min(1.0, sum(_chance(word) for word in words))
        cost = _TEST_COST * len(words) + _SEARCH_COST * chance
        if cost < least or (cost == least and best is not None and sorted(words) < sorted(best)):
            best, least = words, cost
    return best


def _chance(text: str) -> float:
    """Return a rough share of replies that hold text: that of its rarest word, less for a long phrase."""
    words = _LETTERS.findall(text)
    if not words:
        return 0.1  # punctuation: "!!", " - "
    # Common words make rare phrases ("not our"), which word frequencies alone cannot tell.
    return min(6 * 0.6 ** len(text), *(_word_chance(word) for word in words))


@functools.lru_cache(maxsize=8192)
def _word_chance(word: str) -> float:
    try:
        from wordfreq import word_frequency
    except ImportError:  # pragma: no cover - a dependency; without it, longer words are rarer
        frequency = 0.0
    else:
        frequency = word_frequency(word, "en")
    if frequency <= 0:  # a piece of a word ("cancell" of "cancell?ed"): by its length
        return min(1.0, 2.0 ** (3 - len(word)))
    # A reply has about 150 words, and support replies use "our", "policy" or "refund" a few times
    # more often than English at large does.
    return min(1.0, 600 * frequency)


def _shortest(words: frozenset[str]) -> frozenset[str]:
    """Drop strings that hold another of the set: a text with "please fix it" has "fix it" too."""
    return frozenset(w for w in words if not any(other != w and other in w for other in words))


def _node(op, av) -> Sets:
    if op is _op.LITERAL:
        return (frozenset([chr(av).lower()]), None) if av < 128 else (None, None)
    if op is _op.IN:
        chars = [chr(code).lower() for kind, code in av if kind is _op.LITERAL and code < 128]
        return (frozenset(chars), None) if len(chars) == len(av) else (None, None)
    if op in (_op.AT, _op.ASSERT, _op.ASSERT_NOT):
        return _EMPTY, None  # zero-width: \b, ^, lookarounds take nothing from the match
    if op is _op.SUBPATTERN:
        return _sequence(av[-1])
    if op is _op.ATOMIC_GROUP:
        return _sequence(av)
    if op is _op.BRANCH:
        branches = [_sequence(branch) for branch in av[1]]
        exact = None
        if all(e is not None for e, _ in branches):
            exact = frozenset().union(*(e for e, _ in branches))
            exact = exact if len(exact) <= _MAX_EXACT else None
        needs = [e if e is not None and "" not in e else n for e, n in branches]
        if exact is None and all(n is not None for n in needs):
            return None, frozenset().union(*needs)
        return exact, None
    if op in (_op.MAX_REPEAT, _op.MIN_REPEAT, _op.POSSESSIVE_REPEAT):
        low, high, body = av
        exact, needed = _sequence(body)
        if exact is not None and (low, high) in ((1, 1), (0, 1)):
            return (exact if low else exact | _EMPTY), None
        if low == 0:
            return None, None
        return None, (exact if exact is not None and "" not in exact else needed)
    return None, None  # any character, classes with ranges, backreferences, non-ASCII: unknown
