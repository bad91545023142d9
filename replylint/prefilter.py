"""Literal prefilters: skip a rule regex on a text that lacks every string a match must contain.

Most rule regexes never match a given reply, yet each search costs microseconds of setup (and a
time budget). A regex such as `\\b(our|company) policy\\b` cannot match a text without "policy", and a
substring test in lowercase is far cheaper than the search. The prefilter only ever says "cannot
match" when that is certain, so findings never change; when in doubt it says "may match".

A draft meets about 150 prefilters. Rather than a substring test each (0.6 µs on a reply), every
string any prefilter tests is found in one pass over the text, with an Aho-Corasick automaton.
"""

from __future__ import annotations

import functools
import re
import threading
import warnings
from collections.abc import Sequence
from typing import Protocol

import ahocorasick

try:  # the parser behind re.compile; private, so any surprise just turns the prefilter off
    from re import _constants as _op
    from re import _parser
except ImportError:  # pragma: no cover - other Pythons
    _parser = None

# Under IGNORECASE these match an ASCII letter (i, s) but do not lowercase to it: "ſorry" matches
# "sorry". A text holding one is searched without a prefilter.
_UNSAFE = ("\u0130", "\u0131", "\u017f")
_MIN_LENGTH = 2  # a requirement of single characters filters nothing
_FIRST_USE = (("",),)  # placeholder for a pattern seen once: searched without a prefilter
_by_id: dict[int, tuple[object, tuple[tuple[str, ...], ...] | None]] = {}  # id(regex) -> (regex, needs)
_by_group: dict[int, _Group] = {}  # id(regexes) -> those regexes indexed by their needs


class Searchable(Protocol):
    pattern: str
    flags: int


class _Strings:
    """Every string the prefilters have asked for, in one automaton. Strings are only ever added; the
    automaton is replaced, never changed (server threads share it)."""

    LIMIT = 200_000  # past this many strings (a service fed ever new regexes), test each one instead
    # Asks that find the automaton out of date before it is rebuilt (1.6 ms for the built-in pack): the
    # second draft adds the strings of one rule at a time, and a rebuild for each made it 0.3 s slower.
    STALE_ASKS = 64

    def __init__(self):
        self._lock = threading.Lock()
        self._words: set[str] = set()
        self.version = 0
        self.full = False
        self._stale = 0
        self._built: tuple[int, ahocorasick.Automaton | None] = (0, None)

    def add(self, needs: tuple[tuple[str, ...], ...]) -> None:
        new = {word for need in needs for word in need}.difference(self._words)
        if not new:
            return
        with self._lock:
            if len(self._words) + len(new) > self.LIMIT:
                self.full = True
                return
            # The version first: a thread that finds every word here already adds nothing and trusts a
            # scan of the current version, so that version must be the one that holds them.
            self.version += 1
            self._words |= new

    def find(self, text: str) -> tuple[int, frozenset[str]] | None:
        """Return the version of the strings and those of them that text holds; None while the automaton
        is out of date and not yet due to be rebuilt."""
        built = self._built
        if built[0] != self.version:
            with self._lock:
                if self._built[0] != self.version:
                    self._stale += 1
                    if self._stale < self.STALE_ASKS:
                        return None
                    self._stale = 0
                    self._built = (self.version, _automaton(self._words))
                built = self._built
        version, automaton = built
        return version, frozenset(word for _, word in automaton.iter(text)) if automaton else frozenset()


def _automaton(words: set[str]) -> ahocorasick.Automaton | None:
    if not words:
        return None
    automaton = ahocorasick.Automaton()
    for word in words:
        automaton.add_word(word, word)
    automaton.make_automaton()
    return automaton


_strings = _Strings()


class Lowered:
    """A text in lowercase, and which of the prefilters' strings it holds (found on first use)."""

    __slots__ = ("_found", "_version", "text")

    def __init__(self, text: str):
        self.text = text
        self._found: frozenset[str] = frozenset()
        self._version = -1

    def found(self) -> frozenset[str] | None:
        """Return the prefilters' strings that the text holds; None while no scan has every string."""
        if self._version != _strings.version and not _strings.full:  # strings added since the scan
            scanned = _strings.find(self.text)
            if scanned is not None:
                self._version, self._found = scanned
        if self._version != _strings.version or _strings.full:
            return None
        return self._found

    def holds(self, needs: tuple[tuple[str, ...], ...]) -> bool:
        """Return whether the text holds a string of each need."""
        found = self.found()
        if found is None:  # no scan with every string: test each
            return all(any(word in self.text for word in need) for need in needs)
        for need in needs:  # cheapest first: most texts fail the first
            if found.isdisjoint(need):
                return False
        return True


def lowered(text: str) -> Lowered | None:
    """Return text in lowercase for may_match(), or None when lowercase could hide a match."""
    if not text.isascii() and any(char in text for char in _UNSAFE):
        return None
    return Lowered(text.lower())


def may_match(regex: Searchable, lowered_text: Lowered | None) -> bool:
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
    needs = entry[1]
    if needs is _FIRST_USE:
        needs = required(regex.pattern, regex.flags & re.VERBOSE)
        if needs is not None:
            _strings.add(needs)  # before any text is asked for them
        _by_id[id(regex)] = (regex, needs)
    return needs is None or lowered_text.holds(needs)


def candidates(regexes: tuple[Searchable, ...], lowered_text: Lowered | None) -> list[Searchable]:
    """Return the regexes of a rule's tuple that may match, in order, as may_match() tells each.

    Once every regex's needs are worked out, the tuple is indexed by the strings of its first needs, and
    only the regexes whose first need the text meets are tested further: a draft meets 90 prefilters
    (a rule's tuple holds up to 43 regexes), and most fail their first need.
    """
    if lowered_text is None or not regexes:
        return list(regexes)
    group = _by_group.get(id(regexes))
    if group is None or group.regexes is not regexes:
        group = _group(regexes)
    # The group before the scan: strings are added before the needs that ask for them are kept, so a
    # scan with every string has the group's strings too.
    found = lowered_text.found() if group is not None else None
    if found is not None:
        return group.candidates(found)
    if group is not None and not group.unfiltered and not lowered_text.holds((tuple(group.by_string),)):
        return []  # no scan with every string: one substring test for the whole tuple first
    return [regex for regex in regexes if may_match(regex, lowered_text)]


class _Group:
    """A rule's regexes, indexed by the strings of their first needs."""

    __slots__ = ("by_string", "needs", "regexes", "strings", "unfiltered")

    def __init__(self, regexes: tuple[Searchable, ...], needs: list[tuple[tuple[str, ...], ...] | None]):
        self.regexes = regexes
        self.needs = needs  # of each regex; None: it has none
        self.by_string: dict[str, list[int]] = {}  # a string of a first need -> the regexes that need it
        for index, regex_needs in enumerate(needs):
            for string in regex_needs[0] if regex_needs is not None else ():
                self.by_string.setdefault(string, []).append(index)
        self.strings = frozenset(self.by_string)
        self.unfiltered = [index for index, regex_needs in enumerate(needs) if regex_needs is None]

    def candidates(self, found: frozenset[str]) -> list[Searchable]:
        """Return the regexes that may match a text holding the strings found, in order."""
        return [self.regexes[index] for index in self.indices(found)]

    def indices(self, found: frozenset[str]) -> list[int]:
        """Return the positions of the regexes that may match a text holding the strings found, in order."""
        indices = set(self.unfiltered)
        for string in found & self.strings:  # a set operation: as many look-ups as the smaller set
            indices.update(self.by_string[string])
        chosen = []
        for index in sorted(indices):
            needs = self.needs[index]
            if needs is None or all(not found.isdisjoint(need) for need in needs[1:]):
                chosen.append(index)
        return chosen


def _group(regexes: tuple[Searchable, ...]) -> _Group | None:
    """Return the group of regexes, kept once every regex's needs are worked out (None until then)."""
    needs = []
    for regex in regexes:
        entry = _by_id.get(id(regex))
        if entry is None or entry[0] is not regex or entry[1] is _FIRST_USE:
            return None  # not yet worked out: may_match does that on the regex's second use
        needs.append(entry[1])
    if len(_by_group) > 4096:
        _by_group.clear()
    group = _by_group[id(regexes)] = _Group(regexes, needs)
    return group


class Index:
    """Several regex tuples (one a rule's) as one group: which tuples may match a text is then one set
    intersection, not a candidates() call each."""

    def __init__(self, tuples: Sequence[tuple[Searchable, ...]]):
        self.tuples = tuple(tuples)
        self._owners = [position for position, regexes in enumerate(self.tuples) for _ in regexes]
        self._uses = 0
        self._group: _Group | None = None

    def may_match(self, lowered_text: Lowered | None) -> set[int] | None:
        """Return the positions of the tuples that may hold a regex that matches (and some that do not);
        None when the index cannot tell, as on its first use (then candidates() tells each)."""
        if lowered_text is None:
            return None
        group = self._group
        if group is None:
            self._uses += 1  # a count that two threads could miss one of: it only delays the index
            if self._uses < 2:
                return None  # as for a pattern, parsing costs more than a one-draft run saves
            group = self._group = self._build()  # pure: two threads that build it at once build the same
        found = lowered_text.found()  # after the build, which adds its strings first
        if found is None:
            return None
        return {self._owners[index] for index in group.indices(found)}

    def _build(self) -> _Group:
        regexes = tuple(regex for each in self.tuples for regex in each)
        needs = [required(regex.pattern, regex.flags & re.VERBOSE) for regex in regexes]
        for regex_needs in needs:
            if regex_needs is not None:
                _strings.add(regex_needs)  # before any text is asked for them
        return _Group(regexes, needs)


@functools.lru_cache(maxsize=4096)
def required(pattern: str, flags: int = 0) -> tuple[tuple[str, ...], ...] | None:
    """Return needs, each lowercase ASCII strings of which every match contains one, or None when there
    are none worth testing. A text that lacks every string of any one need holds no match."""
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
    _, needs = _sequence(tree)
    return tuple(tuple(sorted(need)) for need in needs) or None


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


# A node is described by its `exact` set, every string it can match (a few short words; None when
# unknown), and its `needs`: sets of lowercase strings such that every match contains one string of each.
# Exact sets multiply along a sequence: "(our|company) policy" needs {"our policy", "company policy"},
# which rules out far more texts than " policy" alone. Up to three needs are kept, the cheapest first:
# "your (own )?(fault|mistake)" is searched on few of the replies that say "your", for lack of "fault"
# or "mistake" (a single need, "your ", let it search nine replies in ten, and match none).
Need = frozenset[str]
Sets = tuple[frozenset[str] | None, tuple[Need, ...]]
_EMPTY = frozenset([""])
_MAX_EXACT = 64  # beyond this many strings, multiplying costs more than it tells
_MAX_NEEDS = 3  # each further need rules out fewer texts
# What a need costs, in microseconds on a reply: a look-up each string among those the automaton found,
# and the search whenever the text holds one of them (a budgeted search of a reply costs 10 to 20 µs).
_TEST_COST, _SEARCH_COST = 0.1, 15.0
_LETTERS = re.compile("[a-z]+")


def _sequence(items) -> Sets:
    """Every item of a sequence must match in turn: multiply exact sets, keep the needs of every item."""
    candidates: list[Need] = []
    runs: list[list[frozenset[str]]] = [[]]  # the exact sets of consecutive exact items
    for op, av in items:
        exact, needs = _node(op, av)
        candidates.extend(needs)
        if exact is not None:
            run = runs[-1]
            if len(exact) == 1 and run and len(run[-1]) == 1:
                # Letters in a row are one word: a need is never cut out of the middle of one ("ou" of "your").
                run[-1] = frozenset([next(iter(run[-1])) + next(iter(exact))])
            else:
                run.append(exact)
        else:
            runs.append([])
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
    return whole, _plan(candidates)


def _windows(run: list[frozenset[str]]):
    """Yield the product of every stretch of consecutive exact items: "to blame" in "(I|we) am to blame"."""
    for first in range(len(run)):
        product = _EMPTY
        for exact in run[first:]:
            product = frozenset(a + b for a in product for b in exact)
            if len(product) > _MAX_EXACT:
                break
            yield product


def _plan(candidates: list[Need]) -> tuple[Need, ...]:
    """Return the needs worth testing, cheapest first: each must cost less than the searches it saves."""
    scored = []
    for words in set(candidates):
        if not words or "" in words or min(len(w) for w in words) < _MIN_LENGTH:
            continue
        words = _shortest(words)
        cost, tie = _cost(words)
        if cost < _SEARCH_COST:  # cheaper than searching every text
            scored.append((cost, tie, words))
    plan: list[Need] = []
    for _, _, words in sorted(scored):
        # One need met whenever the other is (" policy" and "our policy"): the costlier tells little more.
        if not any(_implies(kept, words) or _implies(words, kept) for kept in plan):
            plan.append(words)
            if len(plan) == _MAX_NEEDS:
                break
    return tuple(plan)


def _cost(words: Need) -> tuple[float, list[str]]:
    """Return what testing a need costs in all (with the searches it lets through), and a tie-breaker."""
    return _TEST_COST * len(words) + _SEARCH_COST * _chance_of(words), sorted(words)


def _implies(need: Need, other: Need) -> bool:
    """Return whether a text that meets need meets other: each string of need holds one of other."""
    return all(any(word in string for word in other) for string in need)


@functools.lru_cache(maxsize=1 << 14)
def _chance_of(words: Need) -> float:
    """Return a rough share of replies that hold one of words, as if each word came independently."""
    missing = 1.0
    for word in sorted(words):  # in one order: set order varies between runs, and so would the last bit
        missing *= 1.0 - _chance(word)
    return 1.0 - missing


@functools.lru_cache(maxsize=1 << 16)  # a pattern asks for the same strings many times over
def _chance(text: str) -> float:
    """Return a rough share of replies that hold text: that of its rarest word, less for a long phrase."""
    words = _LETTERS.findall(text)
    if not words:
        return 0.1  # punctuation: "!!", " - "
    # Common words make rare phrases ("not our"), which word frequencies alone cannot tell. Two letters
    # at an open end are a piece of many words ("th" of "that", "sa" of "said"), not the rare word "th".
    return min(
        6 * 0.6 ** len(text),
        *(1.0 if len(word) < 3 and word in (text[:2], text[-2:]) else _word_chance(word) for word in words),
    )


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


@functools.lru_cache(maxsize=1 << 14)
def _shortest(words: frozenset[str]) -> frozenset[str]:
    """Drop strings that hold another of the set: a text with "please fix it" has "fix it" too."""
    return frozenset(w for w in words if not any(other != w and other in w for other in words))


def _node(op, av) -> Sets:
    if op is _op.LITERAL:
        return (frozenset([chr(av).lower()]), ()) if av < 128 else (None, ())
    if op is _op.IN:
        chars = [chr(code).lower() for kind, code in av if kind is _op.LITERAL and code < 128]
        return (frozenset(chars), ()) if len(chars) == len(av) else (None, ())
    if op is _op.ASSERT:  # a lookaround takes nothing from the match, but what it sees is in the text
        exact, needs = _sequence(av[1])
        return _EMPTY, _plan([*needs, *_options(exact, ())])
    if op in (_op.AT, _op.ASSERT_NOT):
        return _EMPTY, ()  # zero-width: \b, ^, and text that must not be there
    if op is _op.SUBPATTERN:
        return _sequence(av[-1])
    if op is _op.ATOMIC_GROUP:
        return _sequence(av)
    if op is _op.BRANCH:
        return _branch([_sequence(branch) for branch in av[1]])
    if op in (_op.MAX_REPEAT, _op.MIN_REPEAT, _op.POSSESSIVE_REPEAT):
        low, high, body = av
        exact, needs = _sequence(body)
        if exact is not None and (low, high) in ((1, 1), (0, 1)):
            return (exact, needs) if low else (exact | _EMPTY, ())
        if low == 0:
            return None, ()
        return None, _plan([*needs, *_options(exact, ())])
    return None, ()  # any character, classes with ranges, backreferences, non-ASCII: unknown


def _branch(branches: list[Sets]) -> Sets:
    """Any branch may match: the exact sets join, and a need of the whole takes one need of each branch."""
    exact = None
    if all(e is not None for e, _ in branches):
        exact = frozenset().union(*(e for e, _ in branches))
        exact = exact if len(exact) <= _MAX_EXACT else None
    options = [_options(e, needs) for e, needs in branches]
    if not all(options):
        return exact, ()
    # The i-th cheapest need of each branch, joined: "(\bour policy|we can't)" needs "policy" or "can't".
    joined = [frozenset().union(*(o[min(i, len(o) - 1)] for o in options)) for i in range(_MAX_NEEDS)]
    return exact, _plan(joined)


def _options(exact: frozenset[str] | None, needs: tuple[Need, ...]) -> tuple[Need, ...]:
    """Return a node's needs, its exact set among them when it never matches the empty string."""
    if exact is None or "" in exact:
        return needs
    return tuple(sorted({exact, *needs}, key=_cost))
