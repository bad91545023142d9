"""Where a text addresses someone: the names a greeting or a direct address names, and the signature."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from .names import WORD, normalise

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


def _name_start(titles: Sequence[str]) -> str:
    """Return a regex for the first character of a direct address: not a lowercase ASCII letter, unless
    a title may start with it ("mr. Martínez" is titled; "thanks, and." names nobody)."""
    firsts: set[str] = set()
    for title in titles:
        for form in (title.strip().lower(), normalise(title.strip()).rstrip(".")):
            if form:  # and the letter an accented first letter is written with: "e" + U+0301 for "é"
                firsts |= {form[0], unicodedata.normalize("NFKD", form[0])[0]}
    if not firsts:
        return r"[^\W\d_a-z]"
    return rf"[^\W\d_a-z]|[{''.join(re.escape(c) for c in sorted(firsts))}]"


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
        # The lookahead skips at once the many commas before a lowercase word, which mentions() would
        # drop anyway: trying the names at each of them was most of the cost of this search.
        self.direct = re.compile(
            rf",[ \t]+(?={_name_start(titles)})((?:(?i:{_alternation(titles)})\.?[ \t]+)?{_NAMES})[ \t]*[.!?]"
        )
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
