"""Personal names: compare them with the record's, find whom a reply addresses, read the name and address."""

from __future__ import annotations

import functools
import re
import threading
import unicodedata
from collections.abc import Callable, Hashable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from enum import IntEnum
from itertools import product
from typing import TYPE_CHECKING, TypeVar

from rapidfuzz.distance import OSA

from .model import Finding, Span

if TYPE_CHECKING:
    from .document import Document
    from .rule import Rule

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
    text = complaint.rstrip().rstrip(".!")
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


_TAIL = 100  # a signature is short: only the end of the message is read
_BOUNDARY = frozenset(".!?,;:-\u2013\u2014~")


# Where a text addresses someone ------------------------------------------------------------------------

# Default word lists of the checks that read the greeting; a rule's options replace them.
# fmt: off
GREETINGS = (
    "hi", "hello", "hey", "hiya", "dear", "good morning", "good afternoon", "good evening", "morning",
    "greetings", "hi there", "hello there", "hi again", "hello again",
)
TITLES = ("mr", "mrs", "ms", "miss", "mx", "dr", "prof")
PARTICLES = ("de", "da", "di", "del", "della", "van", "von", "der", "den", "du", "la", "le", "y")
NOT_NAMES = (
    "customer", "customers", "valued", "sir", "madam", "team", "all", "everyone", "everybody", "there",
    "folks", "friend", "friends", "again", "guys", "both", "you", "thanks", "thank", "sorry", "apologies",
    "please", "welcome", "good", "great", "i", "we", "your", "our", "it", "this",
)
SIGN_OFFS = (
    "best", "regards", "kind regards", "best regards", "warm regards", "many thanks", "thanks", "thank you",
    "cheers", "sincerely", "yours sincerely", "yours faithfully", "yours", "best wishes", "all the best",
    "take care", "warmly",
)
# fmt: on


@dataclass(frozen=True, slots=True)
class GreetingOptions:
    """Options of the checks that compare whom the greeting addresses with the record (name, swapped)."""

    greetings: tuple[str, ...] = GREETINGS
    greeting_lines: int = 2  # the greeting is looked for in this many first non-empty lines
    titles: tuple[str, ...] = TITLES
    particles: tuple[str, ...] = PARTICLES  # lowercase words inside a name: van Dijk, de Souza
    not_names: tuple[str, ...] = NOT_NAMES  # capitalised words after a greeting that are not a name
    sign_offs: tuple[str, ...] = SIGN_OFFS  # where the agent's signature starts
    # The record fields that hold the address, whose words must not be taken for the customer's name.
    address_fields: tuple[str, ...] = ("address", "street", "city", "town", "county", "district")


@dataclass(frozen=True, slots=True)
class Word:
    """A word of the text and its character offsets."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Mention:
    """Words by which a reply addresses someone: a greeting's addressee or a direct address."""

    words: tuple[Word, ...]
    titled: bool  # after Mr, Ms...: the words are a surname
    greeting: bool  # in the greeting (a wrong name counts) or later (only near misses count)
    first: bool = True  # the first addressee of the greeting


_AFTER_NAME = ",!.:;?-\u2013\u2014"  # what may follow the names a greeting addresses
_PUNCTUATION = ".,:;()[]\"'"
_NAMES = rf"(?:{WORD.pattern})(?:[ \t]+(?:{WORD.pattern})){{0,2}}"


def _alternation(phrases: Sequence[str]) -> str:
    words = sorted({p.strip() for p in phrases if p.strip()}, key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"[ \t]+") for w in words) or "(?!)"


class Addressing:
    """Finds the names a reply greets or addresses, given word lists: built once per rule."""

    def __init__(
        self,
        greetings: tuple[str, ...],
        greeting_lines: int,
        titles: tuple[str, ...],
        particles: tuple[str, ...],
        not_names: tuple[str, ...],
        sign_offs: tuple[str, ...],
        third_party: tuple[str, ...] = (),
    ):
        self.greeting_lines = greeting_lines
        self.greeting = re.compile(rf"[ \t]*(?:{_alternation(greetings)})\b[ \t]*[,!:]?[ \t]*", re.IGNORECASE)
        self.titles = {normalise(t).rstrip(".") for t in titles}
        self.particles = {normalise(p) for p in particles}
        self.stop = {normalise(w) for w in not_names + sign_offs + greetings}
        self.sign_offs = {normalise(s) for s in sign_offs}
        self.sign_off_starts = tuple(self.sign_offs)
        self.sign_off_line = re.compile(
            rf"[ \t]*(?:{_alternation(sign_offs)})[ \t]*(?:[,!.]?[ \t]*$|,[ \t]*{_NAMES}[ \t]*$)", re.IGNORECASE
        )
        # ", José." / ", Mr. Martínez!" at the end of a sentence: the customer addressed by name.
        self.direct = re.compile(rf",[ \t]+((?:(?i:{_alternation(titles)})\.?[ \t]+)?{_NAMES})[ \t]*[.!?]")
        self.third_party = {normalise(w) for w in third_party}

    def mentions(self, text: str) -> list[Mention]:
        """Return the names the greeting addresses, then names in direct address before the sign-off."""
        found = self.greeted(text)
        seen = {w.start for m in found for w in m.words}
        signature = -1
        for match in self.direct.finditer(text):
            if signature < 0:  # found only when needed: most replies address nobody later on
                signature = self.signature_start(text)
            if match.start() >= signature:
                break
            words = [Word(m.start(), m.end(), m.group()) for m in WORD.finditer(text, *match.span(1))]
            titled = normalise(words[0].text) in self.titles
            words = words[1:] if titled else words
            if not words or words[0].start in seen or not all(w.text[0].isupper() for w in words):
                continue
            if any(normalise(w.text) in self.stop for w in words):
                continue
            before = text[max(text.rfind("\n", 0, match.start()) + 1, match.start() - 30) : match.start()]
            if normalise(before.strip()) in self.sign_offs:  # "Regards, Tom."
                continue
            previous = before.split()
            if (
                previous and previous[-1].strip(_PUNCTUATION).lower() in self.third_party
            ):  # "our courier, Jon."
                continue
            found.append(Mention(tuple(words), titled, False))
        return found

    def greeted(self, text: str) -> list[Mention]:
        """Return the addressees of the greeting in the first lines ("Hi José," "Dear Mr Martínez")."""
        for start, end in _lines(text, self.greeting_lines):
            greeting = self.greeting.match(text, start, end)
            pos = greeting.end() if greeting else _skip(text, start, end)
            addressees, stop = self._addressees(text, pos, end)
            rest = text[stop:end].strip(" \t")
            if greeting and rest and rest[0] not in _AFTER_NAME:
                addressees = []  # "Hi, Jon from Acme here": not a name the reply greets
            if not greeting and rest.strip(",!:") != "":
                addressees = []  # a line of names alone ("José,") is a greeting; anything else is not
            if greeting or addressees:
                return [
                    Mention(tuple(words), titled, greeting is not None, index == 0)
                    for index, (words, titled) in enumerate(addressees)
                ]
        return []

    def _addressees(self, text: str, pos: int, end: int) -> tuple[list[tuple[list[Word], bool]], int]:
        """Parse 'Mr Martínez', 'Siobhan and Liam' from pos; return the addressees and where it stopped."""
        found: list[tuple[list[Word], bool]] = []
        words: list[Word] = []
        titled = False
        while pos < end:
            match = WORD.match(text, pos, end)
            if match is None:
                if text[pos] != "&" or not words:
                    break
                found.append((words, titled))
                words, titled = [], False
                pos = _skip(text, pos + 1, end)
                continue
            word = match.group()
            low = normalise(word)
            after = match.end()
            if low == "and" and (words or titled):
                if words:
                    found.append((words, titled))
                words, titled = [], False
            elif low in self.titles and not words:
                titled = True
                after += text.startswith(".", after)
            elif low in self.stop:
                break
            elif word[0].isupper() or (low in self.particles and (words or titled)):
                words.append(Word(match.start(), match.end(), word))
            else:
                break
            pos = _skip(text, after, end)
        if words:
            found.append((words, titled))
        return found, pos

    def signature_start(self, text: str) -> int:
        """Return where the agent's sign-off begins ("Best regards,\\nMarta"), or the end of the text."""
        start = text.find("\n") + 1
        while 0 < start <= len(text):
            end = text.find("\n", start)
            end = len(text) if end < 0 else end
            line = text[start:end]
            # Cheap test first: most lines do not start with a sign-off word.
            if line.lstrip().lower().startswith(self.sign_off_starts) and self.sign_off_line.match(line):
                return start
            start = end + 1
        return len(text)


@functools.lru_cache(maxsize=64)
def _addressing(*word_lists) -> Addressing:
    return Addressing(*word_lists)


def addressing(options: GreetingOptions, third_party: tuple[str, ...] = ()) -> Addressing:
    """Return the Addressing for these options, built once; third_party only matters to direct address."""
    return _addressing(
        options.greetings, options.greeting_lines, options.titles, options.particles,
        options.not_names, options.sign_offs, third_party,
    )  # fmt: skip


def _lines(text: str, count: int) -> Iterator[tuple[int, int]]:
    """Yield (start, end) of the first `count` non-empty lines."""
    start = 0
    while count > 0 and start <= len(text):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        if text[start:end].strip():
            yield start, end
            count -= 1
        start = end + 1


def _skip(text: str, pos: int, end: int) -> int:
    while pos < end and text[pos] in " \t":
        pos += 1
    return pos


# The record, read once per document --------------------------------------------------------------------

FIELD_WORDS = re.compile(r"[^_\-\s]+")  # the words of a record field's key: booking_ref -> booking, ref
_local = threading.local()
T = TypeVar("T")


def memo(doc: Document, key: Hashable, compute: Callable[[], T]) -> T:
    """Return compute(), computed once per document and key: several rules read the same names."""
    store = getattr(_local, "store", None)
    if store is None or store[0] is not doc:
        store = _local.store = (doc, {})
    values = store[1]
    if key not in values:
        values[key] = compute()
    return values[key]


def customer_name(
    doc: Document,
    titles: tuple[str, ...],
    nickname_fields: tuple[str, ...] = (),
    sign_offs: tuple[str, ...] | None = None,
) -> NameRecord | None:
    """Return the name on record (None without one); given sign_offs, also the names the customer signed."""
    return memo(
        doc,
        ("record", titles, nickname_fields, sign_offs),
        lambda: _customer_name(doc, titles, nickname_fields, sign_offs),
    )


def _customer_name(
    doc: Document,
    titles: tuple[str, ...],
    nickname_fields: tuple[str, ...],
    sign_offs: tuple[str, ...] | None,
) -> NameRecord | None:
    customer = doc.draft.customer
    if customer is None or not customer.name:
        return None
    parts = name_parts(customer.name, titles)
    if not parts:
        return None
    accepted: list[str] = []
    if sign_offs is not None and doc.draft.complaint:
        accepted.extend(signed_names(doc.draft.complaint, sign_offs))
    for key, value in customer.fields.items():
        if key in nickname_fields:
            accepted.extend(WORD.findall(value))
    return NameRecord(customer.name.strip(), parts, tuple(accepted))


def address_values(doc: Document, address_fields: tuple[str, ...]) -> list[str]:
    """Return the values of the record fields whose key names an address field (home_address, city...)."""
    customer = doc.draft.customer
    if customer is None:
        return []
    wanted = word_set(address_fields)
    return [
        value
        for key, value in customer.fields.items()
        if any(part.lower() in wanted for part in FIELD_WORDS.findall(key))
    ]


def address_words(doc: Document, address_fields: tuple[str, ...], record: NameRecord) -> set[str]:
    """Return the plain forms of the address's words that are not also words of the customer's name."""
    return memo(
        doc,
        ("address words", address_fields, record.parts),
        lambda: _address_words(doc, address_fields, record),
    )


def _address_words(doc: Document, address_fields: tuple[str, ...], record: NameRecord) -> set[str]:
    own = {plain(p) for p in record.words()}
    return {
        plain(word)
        for value in address_values(doc, address_fields)
        for word in WORD.findall(value)
        if len(word) > 2 and plain(word) not in own
    }


def recorded_word(record: NameRecord, mention: Mention, index: int) -> str:
    """Return the recorded word a mention's word stands for: the surname after a title or a first name."""
    return record.parts[-1] if (mention.titled or index > 0) else record.parts[0]


def record_finding(rule: Rule, span: Span, written: str, expected: str, **values: str) -> Finding:
    """Return a finding suggesting `expected`; the message fills {match}, {expected} and each of `values`."""
    message = rule.message.replace("{match}", " ".join(written.split())).replace("{expected}", expected)
    for key, value in values.items():
        message = message.replace("{" + key + "}", value)
    return Finding(rule.id, rule.category, rule.severity, span, message, expected)
