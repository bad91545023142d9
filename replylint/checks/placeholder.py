"""placeholder: report template tokens left unfilled in a draft ({{first_name}}, [NAME], %{ticket.number})."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .. import templates
from ..conditions import When
from ..model import Customer, Finding, Span
from ..nlp import PhraseList

if TYPE_CHECKING:
    from ..document import Document
    from ..rule import Rule

CUSTOM = "custom"  # the syntax name reported for a match of the rule's own `regex`
_QUOTES = "\"'`"
_WORDS = re.compile(r"[a-z]+")
# Words a placeholder for the customer's name may hold; "[Your Name]" and "%{company.name}" are other names.
_CUSTOMER_NAME = frozenset(
    ["name", "first", "last", "full", "given", "family", "customer", "client", "contact", "recipient", "user", "ticket", "requester", "member", "otrs"]
)
_JOINED = (
    ("firstname", "first name"),
    ("lastname", "last name"),
    ("surname", "last name"),
    ("fullname", "full name"),
    ("realname", "full name"),
    ("fname", "first name"),
    ("lname", "last name"),
)


@dataclass(frozen=True, slots=True)
class Options:
    syntaxes: tuple[str, ...] = ()  # report only these syntaxes, by name (templates.NAMES); empty: all
    regex: tuple[re.Pattern, ...] = ()  # more placeholder forms, reported as syntax "custom"
    unless: tuple[re.Pattern, ...] = ()  # drop a placeholder whose text one of these matches: "^\[PDF\]$"
    # Also report a placeholder wrapped in quotes or backticks; by default it is taken for a reply
    # that explains template syntax ("add `{{ contact.firstname }}` to your email").
    in_quotes: bool = False
    # A sentence holding a placeholder and one of these talks about template syntax ("{{first_name}} is
    # swapped for each name"): the reply teaches it, and none of its placeholders is left unfilled.
    explains: tuple[re.Pattern, ...] = ()
    when: When = field(default_factory=When)


def phrase_lists(rule: Rule) -> Iterator[PhraseList]:
    """Yield nothing: placeholders are found by regex; check the syntax names while the rules load."""
    _syntaxes(rule)
    return iter(())


def run(doc: Document, rule: Rule) -> Iterator[Finding]:
    """Yield one finding per unfilled placeholder, naming it and its syntax."""
    options: Options = rule.options
    if not options.when.holds(doc):
        return
    text = doc.text
    found = templates.find_placeholders(text, _syntaxes(rule))
    for regex in options.regex:
        for match in regex.finditer(text):
            if match.end() > match.start():
                span = Span(match.start(), match.end())
                found.append(templates.Placeholder(span, CUSTOM, match.group(), match.group()))
    if _explained(doc, found, options.explains):
        return
    end = -1
    for placeholder in sorted(found, key=lambda p: (p.span.start, -p.span.end)):
        span = placeholder.span
        if span.start < end:  # inside a placeholder already reported
            continue
        if not options.in_quotes and _quoted(text, span):
            continue
        if any(regex.search(placeholder.text) for regex in options.unless):
            continue
        end = span.end
        shown = doc.draft.reply[span.start : span.end]
        message = rule.message.replace("{match}", shown).replace("{syntax}", placeholder.syntax)
        suggestion = _suggestion(shown, placeholder.inner, doc.draft.customer) or rule.suggestion
        yield Finding(rule.id, rule.category, rule.severity, span, message, suggestion)


def _syntaxes(rule: Rule) -> tuple[templates.Syntax, ...]:
    """Return the syntaxes a rule reports (all when it names none); run() asks once per draft."""
    return _syntaxes_for(rule.options.syntaxes, rule.source, rule.line)


@functools.lru_cache(maxsize=256)
def _syntaxes_for(names: tuple[str, ...], source: object, line: int | None) -> tuple[templates.Syntax, ...]:
    return templates.select_for(names, source, line) if names else templates.SYNTAXES


def _explained(doc: Document, found: list[templates.Placeholder], explains: tuple[re.Pattern, ...]) -> bool:
    """Does a sentence with a placeholder in it talk about template syntax?"""
    for placeholder in found if explains else ():
        sentence = doc.sentence_at(placeholder.span.start)
        if any(regex.search(doc.text, sentence.start, sentence.end) for regex in explains):
            return True
    return False


def _quoted(text: str, span: Span) -> bool:
    """Return whether the same quote or backtick sits right before and right after span."""
    if span.start == 0 or span.end >= len(text):
        return False
    before = text[span.start - 1]
    return before in _QUOTES and text[span.end] == before


def _suggestion(shown: str, inner: str, customer: Customer | None) -> str | None:
    """Return 'Replace X with "value".' when the record holds what the placeholder asks for."""
    if customer is None:
        return None
    words = _field_words(inner)
    value = None
    if customer.name and customer.name.strip() and "name" in words and words <= _CUSTOMER_NAME:
        parts = customer.name.split()
        if words & {"first", "given"}:
            value = parts[0]
        elif words & {"last", "family"}:
            value = parts[-1]
        else:
            value = customer.name
    elif "name" not in words:
        for key, field_value in customer.fields.items():
            if key.lower() in words:
                value = field_value
                break
    return f'Replace {shown} with "{value}".' if value else None


def _field_words(inner: str) -> set[str]:
    """Return the words of a placeholder's field, before any filter or fallback: first_name -> first, name."""
    field_part = re.split(r"[|,]", inner, maxsplit=1)[0].lower()
    for joined, spaced in _JOINED:
        field_part = field_part.replace(joined, spaced)
    return set(_WORDS.findall(field_part))
