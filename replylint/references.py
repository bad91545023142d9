"""Reference numbers: find order, booking, account... numbers in a text and a record, and tell mistypings."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

from rapidfuzz.distance import OSA

from .names import normalise, word_set
from .record import FIELD_WORDS

# A code: capital letters and digits, at least one of each, maybe with - or / inside (A-10452, BUD6HJ).
_CODE = re.compile(
    r"(?<![\w/-])(?=[A-Z0-9])(?=[A-Z0-9/-]*[A-Z])(?=[A-Z0-9/-]*[0-9])[A-Z0-9]+(?:[-/][A-Z0-9]+)*(?![\w-]|/\w)"
)
# A number right after another group of digits is part of a longer one: "+44 20 7946 0321" is a phone
# number, whatever word comes before it ("the number on the back of your card (+44 20 7946 0321)").
_AFTER_GROUP = re.compile(r"(?<![^\s(])\+?[0-9]+[ \t]$")
# Digits in groups joined by hyphens, as marketplaces number orders ("204-7781365"): a plain number, that
# needs a label, since a date (2024-05-12) or a phone number (0161-555-2093) has the same shape.
_GROUPED = re.compile(r"[0-9]+(?:-[0-9]+)+")
# A plain number that is not part of an amount, a decimal, a date or a code.
_PLAIN = re.compile(r"(?<![\w£$€¥.,/:-])[0-9]+(?![\w%£$€]|[.,/:-][0-9])")
_MASKED = re.compile(r"[*xX•·#\s-]{2,}([0-9]{2,})")  # ****4471: the record shows only the last digits
_NUMBER = re.compile(r"[0-9]+")
_SENTENCE_END = re.compile(r"[.!?\n]\s")
_UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_CODE_CHARS = frozenset(_UPPER + "0123456789-/")
_SHAPE = str.maketrans(_UPPER + "0123456789", "A" * 26 + "9" * 10)
_LABEL_WORDS = re.compile(r"[A-Za-z]+")
_PUNCTUATION = ".,:;()[]\"'#*"
MESSAGE, RECORD = "the customer's message", "the record"


@dataclass(frozen=True, slots=True)
class Ref:
    """A reference number known from the customer's message or the record."""

    text: str
    key: str  # upper case, separators removed: what is compared
    plain: bool  # digits only
    kind: str | None  # order, booking...; "reference" when only "ref" or "number" labels it
    source: str


def key_of(code: str) -> str:
    """Return a code as compared: upper case without separators (a-104/52 -> A10452)."""
    return code.upper().replace("-", "").replace("/", "")


def plain_key(number: str) -> str:
    """Return a plain number as compared: its digits (204-7781365 -> 2047781365)."""
    return number.replace("-", "")


def shown(ref: Ref) -> str:
    """Return a reference as a suggestion writes it: a masked card number as its digits, else as written."""
    return ref.key if ref.plain and not _GROUPED.fullmatch(ref.text) else ref.text


def prefix(key: str) -> str:
    """Return the letters a key starts with (A10452 -> A)."""
    return key[: len(key) - len(key.lstrip(_UPPER))]


def shape(key: str) -> str:
    """Return a key with each letter as A and each digit as 9 (A10452 -> A99999)."""
    return key.translate(_SHAPE)


def close(written: str, known: str, max_edits: int, transpositions: bool) -> int | None:
    """Return the edit distance when written looks like a mistyping of known, else None."""
    distance = OSA.distance(written, known)
    if distance <= max_edits:
        return distance
    # Two digits swapped: the same digits, differing in exactly two places.
    swapped = len(written) == len(known) and sorted(written) == sorted(known)
    if transpositions and swapped and sum(a != b for a, b in zip(written, known, strict=True)) == 2:
        return distance
    return None


class Reader:
    """Finds reference numbers and the words labelling them, from a rule's word lists: built once per rule."""

    def __init__(
        self,
        labels: Iterable[tuple[str, Iterable[str]]],  # kind -> its words
        qualifiers: tuple[str, ...],
        tail_words: tuple[str, ...],
        ignore_labels: tuple[str, ...],
        new_markers: tuple[str, ...],
        label_window: int,
        min_length: int,
        min_digits: int,
    ):
        self.label_of = {normalise(w): kind for kind, words in labels for w in words}
        self.qualifiers = word_set(qualifiers)
        self.tails = word_set(tail_words)
        self.ignore = word_set(ignore_labels)
        self.new = word_set(new_markers)
        self.label_window = label_window
        self.min_length = min_length
        self.min_digits = min_digits

    def numbers(self, text: str) -> Iterator[tuple[int, int, bool]]:
        """Yield (start, end, plain) of every code and plain number long enough to be a reference."""
        shortest = min(self.min_length, self.min_digits)
        covered = -1
        for at in _digits(text):
            if at < covered:
                continue
            start, end = at, at + 1
            while start > 0 and text[start - 1] in _CODE_CHARS:
                start -= 1
            while end < len(text) and text[end] in _CODE_CHARS:
                end += 1
            covered = end  # one token, one try: no second look inside 14/10/2024
            while start < at and text[start] in "-/":
                start += 1
            if end - start < shortest:
                continue  # most numbers in a reply: 5 days, 24 hours, £25
            if not text[start:end].replace("-", "").replace("/", "").isdigit():
                code = _CODE.match(text, start)
                if code is not None and code.end() > at:
                    if len(key_of(code.group())) >= self.min_length:
                        yield code.start(), code.end(), False
                    continue
            if _GROUPED.fullmatch(text, start, end):
                if len(plain_key(text[start:end])) >= self.min_digits:
                    yield start, end, True
                continue
            number = _PLAIN.match(text, at)
            if number is not None and number.end() - at >= self.min_digits:
                yield at, number.end(), True

    def label(self, text: str, start: int) -> tuple[bool, str | None, bool]:
        """Return (labelled, kind, ignored) from the few words before a number."""
        before = text[max(0, start - 50) : start]
        before = before[before.rfind("\n") + 1 :]
        if _AFTER_GROUP.search(before):
            return False, None, True
        labelled = before.endswith("#")
        for word in reversed(before.split()[-self.label_window :]):
            low = word.strip(_PUNCTUATION).lower()
            singular = low[:-1] if low.endswith("s") and len(low) > 3 else low
            if low in self.ignore or singular in self.ignore:
                return False, None, True
            if low in self.label_of or singular in self.label_of:
                return True, self.label_of.get(low) or self.label_of[singular], False
            if low in self.qualifiers or low in self.tails or low == "#":
                labelled = True
        return labelled, ("reference" if labelled else None), False

    def is_new(self, text: str, start: int) -> bool:
        """Return whether the sentence calls the number new ("your replacement order A-20987")."""
        sentence = _SENTENCE_END.split(text[max(0, start - 120) : start])[-1]
        return any(normalise(w) in self.new for w in _LABEL_WORDS.findall(sentence))

    def in_message(self, complaint: str) -> list[Ref]:
        """Return the references in the customer's message: codes, and numbers a label calls references."""
        found = []
        for start, end, plain in self.numbers(complaint):
            labelled, kind, ignored = self.label(complaint, start)
            value = complaint[start:end]
            if ignored or (not labelled and (plain or _digit_count(value) < self.min_digits)):
                continue  # an unlabelled code with few digits is more likely a product or plan: XLF-200
            found.append(Ref(value, plain_key(value) if plain else key_of(value), plain, kind, MESSAGE))
        return found

    def in_record(self, fields: Mapping[str, str]) -> list[Ref]:
        """Return the references in the record: the fields named like one (order, account, booking_ref...)."""
        found = []
        for name, value in fields.items():
            words = [normalise(w) for w in FIELD_WORDS.findall(name)]
            if any(w in self.ignore for w in words):
                continue
            kind = next((self.label_of[w] for w in words if w in self.label_of), None)
            if kind is None and any(w in self.qualifiers for w in words):
                kind = "reference"
            if kind is None:
                continue  # a product, plan or flight field is not a reference to check
            value = value.strip()
            if masked := _MASKED.fullmatch(value):
                found.append(Ref(value, masked.group(1), True, kind, RECORD))
            elif _CODE.fullmatch(value) and len(key_of(value)) >= self.min_length:
                found.append(Ref(value, key_of(value), False, kind, RECORD))
            elif (_NUMBER.fullmatch(value) or _GROUPED.fullmatch(value)) and len(plain_key(value)) >= self.min_digits:
                found.append(Ref(value, plain_key(value), True, kind, RECORD))
        return found


def _digits(text: str) -> list[int]:
    """Return the offsets of every digit, sorted (ten str.find loops beat a regex scan of the whole text)."""
    found: list[int] = []
    for digit in "0123456789":
        at = text.find(digit)
        while at >= 0:
            found.append(at)
            at = text.find(digit, at + 1)
    found.sort()
    return found


def _digit_count(text: str) -> int:
    return sum(c.isdigit() for c in text)
