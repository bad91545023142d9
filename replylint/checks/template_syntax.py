"""template-syntax: in a template, a placeholder never closed, a stray closer, or an unbalanced block."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..conditions import When
from ..model import Finding, Span
from ..nlp import PhraseList

if TYPE_CHECKING:
    from ..document import Document
    from ..rule import Rule

# Liquid/Jinja block tags and their closers; Handlebars blocks ({{#each}} ... {{/each}}) pair by name.
_BLOCKS = "if unless for case capture block raw with macro call filter comment tablerow paginate form"
_TAG = re.compile(r"\{%-?\s*(end)?(\w+)")
_HANDLEBARS = re.compile(r"\{\{~?\s*([#/])\s*([\w.-]+)")


@dataclass(frozen=True, slots=True)
class Options:
    # Opening delimiters and what closes them; an opener with no placeholder around it is unclosed.
    delimiters: dict[str, str] = field(
        default_factory=lambda: {"{{": "}}", "{%": "%}", "{#": "#}", "%{": "}", "#{": "}", "${": "}"}
    )
    blocks: tuple[str, ...] = tuple(_BLOCKS.split())  # Liquid/Jinja tags that need an `end` tag
    when: When = field(default_factory=When)


def phrase_lists(rule: Rule) -> Iterator[PhraseList]:
    """Yield nothing: delimiters are found by plain search."""
    return iter(())


def run(doc: Document, rule: Rule) -> Iterator[Finding]:
    """Yield a finding for each unclosed opener, stray closer and unbalanced block tag."""
    if not doc.draft.template or not rule.options.when.holds(doc):
        return
    text = doc.draft.reply
    inside = [p.span for p in doc.placeholders]
    yield from _delimiters(text, inside, rule)
    yield from _blocks(text, doc, rule)


def _covered(start: int, spans: list[Span]) -> bool:
    return any(span.start <= start < span.end for span in spans)


def _delimiters(text: str, inside: list[Span], rule: Rule) -> Iterator[Finding]:
    options: Options = rule.options
    for opener, closer in options.delimiters.items():
        start = text.find(opener)
        while start != -1:
            if not _covered(start, inside):
                end = text.find("\n", start)
                end = len(text) if end == -1 else end
                yield rule.finding(Span(start, min(end, start + 40)), match=f"{opener} never closed with {closer}")
            start = text.find(opener, start + len(opener))
    for closer in sorted({c for c in options.delimiters.values() if len(c) > 1}):
        start = text.find(closer)
        while start != -1:
            if not _covered(start, inside):
                yield rule.finding(Span(start, start + len(closer)), match=f"{closer} closes nothing")
            start = text.find(closer, start + len(closer))


def _blocks(text: str, doc: Document, rule: Rule) -> Iterator[Finding]:
    blocks = set(rule.options.blocks)
    open_tags: list[tuple[str, Span]] = []
    for placeholder in doc.placeholders:
        span = placeholder.span
        tag = _TAG.match(placeholder.text) or _HANDLEBARS.match(placeholder.text)
        if tag is None:
            continue
        closing = tag.group(1) in ("end", "/")
        name = tag.group(2).lower()
        if tag.re is _TAG and name not in blocks:
            continue
        if not closing:
            open_tags.append((name, span))
        elif any(open_name == name for open_name, _ in open_tags):
            # Close the innermost block of that name; any opened inside it and left open are unclosed.
            while open_tags[-1][0] != name:
                _, inner_span = open_tags.pop()
                yield rule.finding(inner_span, match=f"{text[inner_span.start:inner_span.end]} is never closed")
            open_tags.pop()
        else:
            yield rule.finding(span, match=f"{placeholder.text} closes a block that is not open")
    for name, span in open_tags:
        yield rule.finding(span, match=f"{text[span.start:span.end]} is never closed")
