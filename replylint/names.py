"""Personal names: normalise them, compare a written name with the record's, read a signed name."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import IntEnum
from itertools import product

from rapidfuzz.distance import OSA

# Typographic apostrophes and hyphens are the same character to a reader.
_MARKS = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'", "\u2010": "-", "\u2011": "-"})
# Letters that Unicode does not decompose into a base letter and a mark: their plain form by hand.
_PLAIN = str.maketrans(
    {"ł": "l", "ø": "o", "đ": "d", "ð": "d", "þ": "th", "ı": "i", "ß": "ss", "æ": "ae", "œ": "oe", "ħ": "h"}
)
# A name word: letters, with inner apostrophes or hyphens (O'Connor, Ashworth-Pryce).
# Combining marks count as part of a letter: "Jose\u0301" is José written in decomposed form.
WORD = re.compile(
    r"[^\W\d_](?:[^\W\d_]|[\u0300-\u036f])*(?:['\u2019-][^\W\d_](?:[^\W\d_]|[\u0300-\u036f])*)*"
)
_MAX_VARIANTS = 64


class Match(IntEnum):
    """How a written word relates to a name on record; lower is better."""

    EXACT = 0  # same word, ignoring case and typographic apostrophes
    ACCEPTED = 1  # an accepted transliteration: Juergen for Jürgen, Soeren for Søren, Gross for Groß
    ADDED_MARKS = 2  # the record has no accents and the reply adds some: not the reply's mistake
    SHORT_FORM = 3  # the start of the name, two letters or more short (Chris for Christopher)
    DROPPED_MARKS = 4  # Jose for José, Lukasz for Łukasz
    MISSPELLED = 5  # Jonh for John, Kelley for Kelly, Josè for José
    DIFFERENT = 6  # another name entirely

    @property
    def ok(self) -> bool:
        return self <= Match.SHORT_FORM


@dataclass(frozen=True, slots=True)
class Verdict:
    """A written word compared with the best-matching name on record."""

    match: Match
    expected: str | None  # the name on record it is closest to


@functools.lru_cache(maxsize=8192)
def normalise(text: str) -> str:
    """Return text in NFC, lowercase, with typographic apostrophes and hyphens made plain."""
    return unicodedata.normalize("NFC", text).translate(_MARKS).lower()


@functools.lru_cache(maxsize=8192)
def plain(text: str) -> str:
    """Return normalised text without diacritics (José -> jose, Łukasz -> lukasz, Søren -> soren)."""
    decomposed = unicodedata.normalize("NFKD", normalise(text).translate(_PLAIN))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


Table = tuple[tuple[str, tuple[str, ...]], ...]  # transliterations as hashable pairs: (("ü", ("ue",)), ...)


def table_of(mapping: Mapping[str, Sequence[str]]) -> Table:
    """Return a transliteration mapping as a hashable table."""
    return _table(tuple((k, tuple(v)) for k, v in mapping.items()))


@functools.lru_cache(maxsize=64)
def _table(items: tuple[tuple[str, tuple[str, ...]], ...]) -> Table:
    return tuple(sorted((normalise(k), v) for k, v in items))


@functools.lru_cache(maxsize=256)
def word_set(words: tuple[str, ...]) -> frozenset[str]:
    """Return a word list normalised for lookups."""
    return frozenset(normalise(w) for w in words)


@functools.lru_cache(maxsize=8192)
def transliterations(text: str, table: Table) -> frozenset[str]:
    """Return the accepted spellings of normalised text: Jürgen -> {jürgen, juergen}."""
    alternatives_of = dict(table)
    choices = []
    count = 1
    for char in text:
        alternatives = alternatives_of.get(char)
        if alternatives and count * (len(alternatives) + 1) <= _MAX_VARIANTS:
            choices.append((char, *alternatives))
            count *= len(alternatives) + 1
        else:
            choices.append((char,))
    return frozenset("".join(parts) for parts in product(*choices))


@functools.lru_cache(maxsize=16384)
def compare(
    written: str, recorded: str, table: Table, min_similarity: float, short_forms: bool = True
) -> Match:
    """Return how a written word relates to one recorded name word."""
    wrote, record = normalise(written), normalise(recorded)
    if wrote == record:
        return Match.EXACT
    if wrote in transliterations(record, table) or record in transliterations(wrote, table):
        return Match.ACCEPTED
    plain_wrote, plain_record = plain(wrote), plain(record)
    if plain_wrote == plain_record:
        if plain_record == record:
            return Match.ADDED_MARKS
        return Match.DROPPED_MARKS if plain_wrote == wrote else Match.MISSPELLED
    bare_wrote, bare_record = plain_wrote.replace("'", ""), plain_record.replace("'", "")
    if bare_wrote == bare_record:  # OConnor for O'Connor
        return Match.MISSPELLED
    if short_forms and len(wrote) >= 3 and len(record) - len(wrote) >= 2 and record.startswith(wrote):
        return Match.SHORT_FORM
    if OSA.normalized_similarity(bare_wrote, bare_record) >= min_similarity:
        return Match.MISSPELLED
    return Match.DIFFERENT


@functools.lru_cache(maxsize=1024)
def name_parts(full_name: str, titles: tuple[str, ...] = ()) -> tuple[str, ...]:
    """Return the words of a recorded name without titles: "Dr. Ana de Souza" -> (Ana, de, Souza)."""
    if "," in full_name:  # "Martínez, José" is surname first
        surname, _, given = full_name.partition(",")
        full_name = f"{given} {surname}"
    skip = {normalise(t).rstrip(".") for t in titles}
    words = [m.group() for m in WORD.finditer(unicodedata.normalize("NFC", full_name))]
    return tuple(w for w in words if normalise(w) not in skip)


def given_name(full_name: str, titles: tuple[str, ...] = ()) -> str | None:
    """Return the name to greet someone by: the first name, or title and surname for a titled name."""
    parts = name_parts(full_name, titles)
    if not parts:
        return None
    title = full_name.split()[0]
    if normalise(title).rstrip(".") in {normalise(t).rstrip(".") for t in titles}:
        return f"{title} {parts[-1]}"
    return parts[0]


@dataclass(frozen=True, slots=True)
class NameRecord:
    """What a written name is compared with: the record's name words and other accepted names."""

    full: str
    parts: tuple[str, ...]
    accepted: tuple[str, ...] = ()  # nicknames the customer signed with, preferred names

    def words(self) -> tuple[str, ...]:
        """Return every recorded word, hyphenated parts also in halves (Lars-Erik -> Lars, Erik)."""
        halves = tuple(h for p in self.parts if "-" in p for h in p.split("-") if len(h) > 1)
        return self.parts + halves

    def verdict(self, written: str, table: Table, min_similarity: float, short_forms: bool = True) -> Verdict:
        """Return how a written word relates to the closest name on record."""
        return verdict(self, written, table, min_similarity, short_forms)


@functools.lru_cache(maxsize=4096)
def verdict(
    record: NameRecord, written: str, table: Table, min_similarity: float, short_forms: bool = True
) -> Verdict:
    """Return how a written word relates to the closest name on record (cached: several rules ask)."""
    for name in record.accepted:
        match = compare(written, name, table, min_similarity, short_forms=False)
        if match.ok:
            return Verdict(match, name)
    best = Verdict(Match.DIFFERENT, None)
    best_score = -1.0
    for name in (*record.words(), *record.accepted):
        match = compare(written, name, table, min_similarity, short_forms)
        score = OSA.normalized_similarity(plain(written), plain(name))
        if match < best.match or (match == best.match and score > best_score):
            best, best_score = Verdict(match, name), score
    return best


@functools.lru_cache(maxsize=256)
def signed_names(complaint: str, sign_offs: tuple[str, ...]) -> tuple[str, ...]:
    """Return the name words the customer signed the message with ("Thanks, Bea" -> ("Bea",))."""
    text = _KISSES.sub("", complaint.rstrip()).rstrip(".!")
    line = text[text.rfind("\n") + 1 :][-_TAIL:].translate(_MARKS)
    tokens = line.split()
    # The last one to six words, after the start of the line, a punctuation mark or a dash.
    words: list[str] = []
    while tokens and WORD.fullmatch(tokens[-1]) and len(words) <= 6:
        words.insert(0, tokens.pop())
    if len(words) > 6 or (tokens and tokens[-1][-1] not in _BOUNDARY) or (not tokens and len(line) == _TAIL):
        return ()
    lowered = [normalise(w) for w in words]
    for closing in _closings(sign_offs):  # "Regards Giorgos Papadopoulos" -> Giorgos Papadopoulos
        if lowered[: len(closing)] == closing:
            words = words[len(closing) :]
            break
    if not words or len(words) > 4 or not all(w[0].isupper() for w in words):
        return ()
    return tuple(words)


@functools.lru_cache(maxsize=64)
def _closings(sign_offs: tuple[str, ...]) -> list[list[str]]:
    return sorted((normalise(s).split() for s in sign_offs if s.strip()), key=len, reverse=True)


# Kisses and smileys after a signature: "Bex x", "Sam xx :)", "Jo 😊". Lowercase x only.
_KISSES = re.compile(r"(?:\s+(?:x{1,4}|[:;]-?[)D]|[^\w\s.,!?;:'\"()\-]+))+$")
_TAIL = 100  # a signature is short: only the end of the message is read
_BOUNDARY = frozenset(".!?,;:-\u2013\u2014~")
