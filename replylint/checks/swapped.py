"""swapped: the customer greeted by a word of their address, or their address written with their name."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .. import names
from ..addressing import GreetingOptions, addressing
from ..conditions import When
from ..model import Finding, Span
from ..names import NameRecord
from ..record import address_values, address_words, customer_name, record_finding, recorded_word

if TYPE_CHECKING:
    from ..document import Document
    from ..rule import Rule


@dataclass(frozen=True, slots=True)
class Options(GreetingOptions):
    when: When = field(default_factory=When)


def phrase_lists(rule: Rule) -> Iterator:
    """Yield nothing: the address comes from the record, the greeted names by regex."""
    return iter(())


def run(doc: Document, rule: Rule) -> Iterator[Finding]:
    """Yield a finding for each address word used as the customer's name, and each name put in the address."""
    options: Options = rule.options
    if not options.when.holds(doc):
        return
    values = address_values(doc, options.address_fields)
    record = customer_name(doc, options.titles) if values else None
    if record is None:
        return
    address = ", ".join(values)
    reported: set[int] = set()
    for span, written, expected in _greeted_by_address(doc, options, record):
        reported.add(span.start)
        yield record_finding(rule, span, written, expected, record=record.full, value=address)
    for span, written, expected in _name_in_address(doc.text, values, record, reported):
        yield record_finding(rule, span, written, expected, record=record.full, value=address)


def _greeted_by_address(
    doc: Document, options: Options, record: NameRecord
) -> Iterator[tuple[Span, str, str]]:
    """Yield the greeting's words taken from the address ("Dear Mrs Foster" for Foster Lane)."""
    own = {names.plain(p) for p in record.words()}
    words = address_words(doc, options.address_fields, record)
    for mention in addressing(options).greeted(doc.text):
        if not mention.greeting:
            continue  # ", Norwich." ends an address more often than it addresses a person
        for index, word in enumerate(mention.words):
            if names.plain(word.text) in words and names.plain(word.text) not in own:
                yield Span(word.start, word.end), word.text, recorded_word(record, mention, index)


def _name_in_address(
    text: str, values: list[str], record: NameRecord, reported: set[int]
) -> Iterator[tuple[Span, str, str]]:
    """Yield the name written into the address ("3 Walker Lane" for 3 Foster Lane), skipping `reported`."""
    own = {names.plain(p) for p in record.words()}
    for value in values:
        tokens = list(re.finditer(r"[^\s,]+", value))
        for i, token in enumerate(tokens):
            street = token.group()
            if not names.WORD.fullmatch(street) or len(street) < 3 or names.plain(street) in own:
                continue
            left = (
                tokens[i - 1].group()
                if i > 0 and "," not in value[tokens[i - 1].end() : token.start()]
                else None
            )
            right = (
                tokens[i + 1].group()
                if i + 1 < len(tokens) and "," not in value[token.end() : tokens[i + 1].start()]
                else None
            )
            if left is not None and not left.isdigit():
                left = None
            if right is not None and not (names.WORD.fullmatch(right) and right[0].isupper()):
                right = None
            if right is not None and names.plain(right) in own:  # "John Lane" is a name, not "Foster Lane"
                right = None
            if (left is None or left not in text) and (right is None or right not in text):
                continue  # neither neighbour is in the reply: the address is not written there
            for part in record.parts:
                for start in _occurrences(text, part.translate(str.maketrans("\u2019", "'"))):
                    end = start + len(part)
                    if start in reported:
                        continue
                    after = _next_word(text, end)
                    before = _previous_word(text, start)
                    if (right and after == right) or (left and before == left):
                        reported.add(start)
                        yield Span(start, end), part, street


def _occurrences(text: str, word: str) -> Iterator[int]:
    """Yield where word occurs in text as a whole word (case-sensitive: addresses are capitalised)."""
    start = text.find(word)
    while start >= 0:
        end = start + len(word)
        if (start == 0 or not text[start - 1].isalnum()) and (end == len(text) or not text[end].isalnum()):
            yield start
        start = text.find(word, end)


_NEXT = re.compile(r"[ \t]+([^\s,.;:!?]+)")
_PREVIOUS = re.compile(r"([^\s,.;:!?]+)[ \t]+$")


def _next_word(text: str, pos: int) -> str | None:
    match = _NEXT.match(text, pos)
    return match.group(1) if match else None


def _previous_word(text: str, pos: int) -> str | None:
    match = _PREVIOUS.search(text[max(0, pos - 20) : pos])
    return match.group(1) if match else None
