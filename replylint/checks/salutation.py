"""salutation: report a generic greeting ("Dear Customer", "Hi there") when the customer's name is known."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .. import names
from ..conditions import When
from ..model import Finding, Span
from ..names import Match, NameRecord
from ..nlp import PhraseList

if TYPE_CHECKING:
    from ..document import Document
    from ..rule import Rule


@dataclass(frozen=True, slots=True)
class Options:
    # Generic greetings, matched case-insensitively at the start of one of the first lines.
    generic: tuple[str, ...] = (
        "dear customer", "dear valued customer", "dear sir or madam", "dear sir/madam", "dear sir",
        "dear madam", "to whom it may concern", "hi there", "hello there",
    )  # fmt: skip
    greeting_lines: int = 2  # only the first this many non-empty lines hold the greeting
    # A generic greeting starting with one of these keeps it in the suggestion ("Hi there" -> "Hi Siobhan,").
    greetings: tuple[str, ...] = (
        "dear",
        "hi",
        "hello",
        "hey",
        "good morning",
        "good afternoon",
        "good evening",
    )
    default_greeting: str = "Dear"  # for a greeting that keeps nothing ("To whom it may concern")
    suggest: str = (
        "{greeting} {name},"  # {name}: the first name, or title and surname when the record has a title
    )
    titles: tuple[str, ...] = ("mr", "mrs", "ms", "miss", "mx", "dr", "prof")
    min_similarity: float = 0.75  # a name after the generic words ("Hi there Siobahn") makes it not generic
    sign_offs: tuple[str, ...] = (
        "best",
        "regards",
        "kind regards",
        "thanks",
        "thank you",
        "many thanks",
        "cheers",
    )
    when: When = field(default_factory=When)


def phrase_lists(rule: Rule) -> Iterator[PhraseList]:
    """Yield the generic greetings for the shared phrase index."""
    options: Options = rule.options
    yield PhraseList(f"{rule.id}/generic", options.generic)


def _greeting_lines(text: str, count: int) -> list[int]:
    """Return the start offsets of the first `count` non-empty lines."""
    starts: list[int] = []
    start = 0
    while len(starts) < count and start <= len(text):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        if text[start:end].strip():
            starts.append(start)
        start = end + 1
    return starts


def run(doc: Document, rule: Rule) -> Iterator[Finding]:
    """Yield one finding for a generic greeting, suggesting the greeting with the customer's name."""
    options: Options = rule.options
    if not options.when.holds(doc):
        return
    customer = doc.draft.customer
    spans = doc.hits.get(f"{rule.id}/generic", ())
    if not spans or customer is None or not customer.name:
        return
    name = names.given_name(customer.name, options.titles)
    if name is None:
        return
    text = doc.text
    lines = _greeting_lines(text, options.greeting_lines)
    for span in sorted(spans, key=lambda s: (s.start, -s.end)):  # the longest phrase at a place first
        line_start = text.rfind("\n", 0, span.start) + 1
        if line_start not in lines or text[line_start : span.start].strip():
            continue
        if _named_after(doc, span, customer.name, options):
            continue
        written = doc.draft.reply[span.start : span.end]
        greeting = _kept_greeting(written, options)
        suggestion = options.suggest.replace("{greeting}", greeting).replace("{name}", name)
        message = rule.message.replace("{match}", " ".join(written.split())).replace(
            "{record}", customer.name
        )
        yield Finding(rule.id, rule.category, rule.severity, Span(span.start, span.end), message, suggestion)
        return


def _named_after(doc: Document, span: Span, full_name: str, options: Options) -> bool:
    """Return whether the customer's name follows the generic words ("Hi there, Siobhan!")."""
    text = doc.text
    line_end = text.find("\n", span.end)
    rest = text[span.end : len(text) if line_end < 0 else line_end].lstrip(" \t,")
    word = names.WORD.match(rest)
    if word is not None and names.normalise(word.group()) in options.titles:  # "Hello there Mr Smith"
        word = names.WORD.match(rest, word.end() + rest.startswith(".", word.end()) + 1)
    if word is None or not word.group()[0].isupper():
        return False
    accepted = names.signed_names(doc.draft.complaint, options.sign_offs) if doc.draft.complaint else ()
    record = NameRecord(full_name, names.name_parts(full_name, options.titles), accepted)
    return record.verdict(word.group(), (), options.min_similarity).match != Match.DIFFERENT


def _kept_greeting(written: str, options: Options) -> str:
    """Return the greeting word(s) the reply used, as written, or the default greeting."""
    lowered = names.normalise(written)
    for greeting in sorted(options.greetings, key=len, reverse=True):
        greeting = names.normalise(greeting.strip())
        if lowered == greeting or lowered.startswith(greeting + " "):
            return written[: len(greeting)]
    return options.default_greeting
