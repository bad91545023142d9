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
    found = _sequence(list(tree))
    if found is None or min(len(word) for word in found) < _MIN_LENGTH:
        return None
    return tuple(sorted(found))


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


def _sequence(items: list) -> frozenset[str] | None:
    """Every item of a sequence must match, so the sequence needs what its most telling item needs."""
    candidates: list[frozenset[str]] = []
    run: list[str] = []
    for op, av in items:
        if op is _op.LITERAL and av < 128:
            run.append(chr(av).lower())  # adjacent literals must appear together
            continue
        if run:
            candidates.append(frozenset(["".join(run)]))
            run = []
        needed = _item(op, av)
        if needed is not None:
            candidates.append(needed)
    if run:
        candidates.append(frozenset(["".join(run)]))
    if not candidates:
        return None
    # The best requirement is the one whose shortest string is longest, then the one with fewest strings.
    return max(candidates, key=lambda words: (min(len(w) for w in words), -len(words)))


def _item(op, av) -> frozenset[str] | None:
    if op is _op.SUBPATTERN:
        return _sequence(list(av[-1]))
    if op is _op.ATOMIC_GROUP:
        return _sequence(list(av))
    if op is _op.BRANCH:
        branches = [_sequence(list(branch)) for branch in av[1]]
        if any(needed is None for needed in branches):
            return None  # one branch can match without any known string
        return frozenset().union(*branches)
    if op in (_op.MAX_REPEAT, _op.MIN_REPEAT, _op.POSSESSIVE_REPEAT):
        low, _, body = av
        return _sequence(list(body)) if low >= 1 else None
    return None  # classes, anchors, lookarounds, backreferences, non-ASCII literals: no requirement
