"""fallback: in a template, a personalisation placeholder with no fallback ({{ first_name }} -> "Hi ,")."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .. import templates
from ..conditions import When
from ..model import Finding
from ..nlp import PhraseList

if TYPE_CHECKING:
    from ..document import Document
    from ..rule import Rule


@dataclass(frozen=True, slots=True)
class Options:
    # The syntaxes that can say what to print when the value is missing; the others cannot be faulted.
    syntaxes: tuple[str, ...] = ("Liquid/Jinja/Handlebars", "Mustache/Handlebars unescaped", "Help Scout/FreeScout")
    # The placeholder is personal: it prints something about the customer that may be blank.
    personal: re.Pattern = re.compile(r"name|first|last|surname", re.IGNORECASE)
    # It already has a fallback: {{ first_name | default: "there" }}, {%customer.firstName,fallback=there%}.
    fallback: re.Pattern = re.compile(r"\|\s*(?:default|fallback|d)\b|,\s*fallback\s*=|\bor\b", re.IGNORECASE)
    when: When = field(default_factory=When)


def phrase_lists(rule: Rule) -> Iterator[PhraseList]:
    """Yield nothing; check the syntax names while the rules load."""
    templates.select_for(rule.options.syntaxes, rule.source, rule.line)
    return iter(())


def run(doc: Document, rule: Rule) -> Iterator[Finding]:
    """Yield one finding per personal placeholder that would print nothing when its value is missing."""
    options: Options = rule.options
    if not doc.draft.template or not options.when.holds(doc):
        return
    syntaxes = {name.lower() for name in options.syntaxes}
    for placeholder in doc.placeholders:
        if placeholder.syntax.lower() not in syntaxes or templates.is_silent(placeholder):
            continue
        if options.personal.search(placeholder.inner) and not options.fallback.search(placeholder.inner):
            yield rule.finding(placeholder.span, match=placeholder.text)
