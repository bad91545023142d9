"""template-syntax: in a template, a placeholder never closed, a stray closer, or an unbalanced block."""

from __future__ import annotations

import bisect
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
    inside = _runs([p.span for p in doc.placeholders])
    yield from _delimiters(text, inside, rule)
    yield from _blocks(text, doc, rule)


def _runs(spans: list[Span]) -> tuple[list[int], list[int]]:
    """Return the starts and ends of the spans merged into disjoint runs, sorted for bisecting."""
    starts: list[int] = []
    ends: list[int] = []
    for span in sorted(spans, key=lambda s: s.start):
        if ends and span.start <= ends[-1]:
            ends[-1] = max(ends[-1], span.end)
        else:
            starts.append(span.start)
            ends.append(span.end)
    return starts, ends


def _covered(start: int, runs: tuple[list[int], list[int]]) -> bool:
    # A bisect, not a scan of every placeholder: a template of 20,000 "{{ x }}" took 20 s that way.
    index = bisect.bisect_right(runs[0], start) - 1
    return index >= 0 and start < runs[1][index]


def _delimiters(text: str, inside: tuple[list[int], list[int]], rule: Rule) -> Iterator[Finding]:
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
