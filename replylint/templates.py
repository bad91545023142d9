"""Placeholder syntaxes of helpdesk and email templates ({{ }}, {% %}, %{ }, #{ }, [NAME]...) -> spans."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass

from .model import Span


@dataclass(frozen=True, slots=True)
class Syntax:
    """One placeholder syntax: its name, a regex whose `inner` group is the field, and cheap pre-checks."""

    name: str  # e.g. "Liquid/Jinja/Handlebars"; rules select syntaxes by this name
    pattern: re.Pattern
    triggers: tuple[str, ...]  # the regex runs only if the text contains one of these


@dataclass(frozen=True, slots=True)
class Placeholder:
    """One template token found in a text."""

    span: Span
    syntax: str  # the Syntax name
    text: str  # the whole token, e.g. "{{ first_name }}"
    inner: str  # what sits between the delimiters, trimmed, e.g. "first_name"


# Field names and instructions that make "[...]" or "<...>" a placeholder rather than a footnote,
# a markdown link or an HTML tag ("[1]", "[link]", "[sic]", "<br>", "<address>").
_SEP = r"[ _.-]?"
_NUMBER = r"(?:number|no\.?|num|id|#|ref(?:erence)?|code)"
_WHOSE = r"first|last|full|given|family|middle|sur|user|customer|client|contact|recipient|agent|rep|company"
_NUMBERED = (
    r"order|ticket|case|booking|tracking|account|invoice|member(?:ship)?|policy|claim|reference|serial"
    r"|confirmation|phone|card|voucher|coupon|discount|promo|return|rma"
)
_DATED = r"delivery|due|expiry|expiration|start|end|return|refund|ship(?:ping)?|arrival|departure"
_ADDRESSED = r"street|shipping|billing|postal|delivery|customer|home|mailing"
_FIELD = "|".join((
    rf"(?:(?:{_WHOSE}|product|account|member|your|their|his|her){_SEP})?(?:name|firstname|lastname|surname)",
    rf"(?:{_NUMBERED}){_SEP}{_NUMBER}",
    rf"(?:(?:{_DATED}){_SEP})?date",
    rf"(?:(?:refund|order|total|invoice){_SEP})?amount|price|sum",
    rf"e-?mail(?:{_SEP}address)?|phone|telephone|mobile",
    rf"(?:{_ADDRESSED}){_SEP}address",
    rf"company|product|signature|salutation|greeting|(?:tracking|reset|download|survey){_SEP}(?:link|url)",
))
_INSTRUCTION = r"(?:insert|enter|add|put|type|fill(?: in)?|include|your|customer'?s?|agent'?s?)\b"
_FIELD_OR_INSTRUCTION = rf"(?:{_INSTRUCTION}[^<>\[\]\n]{{0,60}}|(?:{_FIELD})(?:[ _]here)?)"
_NOT_ADDRESS = r"(?![^<>\n]*(?:@|://))"  # "<jo@example.com>" and "<https://...>" are not placeholders


def _syntax(name: str, pattern: str, *triggers: str, flags: int = 0) -> Syntax:
    return Syntax(name, re.compile(pattern, flags), triggers)


# Order matters only between matches of the same length at the same place: the earlier syntax wins.
SYNTAXES: tuple[Syntax, ...] = (
    _syntax(
        "Handlebars comment",
        r"\{\{!(?:--(?P<inner>.{0,500}?)--|(?P<short>[^{}]{0,200}?))\}\}",
        "{{!",
        flags=re.DOTALL,
    ),
    _syntax(
        "Mustache/Handlebars unescaped", r"\{\{\{[-~]?\s*(?P<inner>[^{}\n]{0,200}?)\s*[-~]?\}\}\}", "{{{"
    ),
    _syntax("Liquid/Jinja/Handlebars", r"\{\{[-~]?\s*(?P<inner>[^{}\n]{0,200}?)\s*[-~]?\}\}", "{{"),
    _syntax(
        "Help Scout/FreeScout",
        r"\{%\s*(?P<inner>[A-Za-z]+\.[A-Za-z_.]+(?:\s*,\s*fallback=[^%{}\n]{0,80})?)\s*%\}",
        "{%",
    ),
    _syntax("Liquid/Jinja tag", r"\{%-?\s*(?P<inner>[^%{}\n]{0,200}?)\s*-?%\}", "{%"),
    _syntax("Jinja comment", r"\{#(?P<inner>.{0,500}?)#\}", "{#", flags=re.DOTALL),
    _syntax("osTicket", r"%\{\s*(?P<inner>[^{}\n]{1,120}?)\s*\}", "%{"),
    _syntax("Zammad", r"#\{\s*(?P<inner>[^{}\n]{1,120}?)\s*\}", "#{"),
    _syntax("Zoho Desk", r"\$\{\s*(?P<inner>[^{}\n]{1,120}?)\s*\}", "${"),
    _syntax("Salesforce", r"\{!\s*(?P<inner>[A-Za-z_][\w.]{0,120})\s*\}", "{!"),
    # Python's str.format and tools built on it: "{order_id}", "{customer.name}", "{name}". Only a field
    # name or a dotted or snake_case identifier: "{or more}" and "{2,3}" are prose and regex.
    _syntax(
        "Python format",
        rf"(?<![{{%#$!\w])\{{(?P<inner>[A-Za-z][A-Za-z0-9]*(?:[_.][A-Za-z0-9]+)+|(?i:{_FIELD}))\}}(?!\}})",
        "{",
    ),
    _syntax("Mailchimp", r"\*\|(?P<inner>[A-Z][A-Z0-9_:]{0,60})\|\*", "*|"),
    _syntax("OTRS/Znuny", r"<(?P<inner>(?:OTRS|KIX)_[A-Za-z0-9_:]{1,120})>", "<OTRS_", "<KIX_"),
    _syntax(
        "bracketed field",
        # [CUSTOMER NAME], [ORDER #], or a field/instruction in any case: [Your Name], [insert date].
        # Not a markdown link "[text](url)", a footnote "[1]", "[link]" or "[sic]".
        r"\[(?P<inner>(?=[^\]\n]{0,80}[A-Z]{2})[A-Z][A-Z0-9]*(?:[ _./'&#-]+[A-Z0-9#]+)*"
        rf"|(?i:{_FIELD_OR_INSTRUCTION}))\](?!\()",
        "[",
    ),
    _syntax("angle-bracketed field", rf"<{_NOT_ADDRESS}(?P<inner>(?i:{_FIELD_OR_INSTRUCTION}))>", "<"),
    # XXXX, xxxxx, XX/XX/XXXX, XX.XX: but not XXL, XXX-large, kisses "xxx" or a masked card "XXXX-XXXX-1234".
    _syntax(
        "XXXX",
        r"(?<![\w-])(?P<inner>X{2,}(?:[/.:-]X{2,})+|X{4,}|x{2,}(?:[/.:-]x{2,})+|x{4,})(?![\w-])",
        "XX",
        "xx",
    ),
)
NAMES: tuple[str, ...] = tuple(s.name for s in SYNTAXES)


def find_placeholders(text: str, syntaxes: Iterable[Syntax] = SYNTAXES) -> list[Placeholder]:
    """Return the placeholders in text in order, without overlaps: where two overlap, the longer wins."""
    found: list[tuple[int, int, int, Placeholder]] = []
    for rank, syntax in enumerate(syntaxes):
        # A plain loop, testing the first character alone first: in a text with any non-ASCII letter,
        # finding one character is ten times faster than finding two.
        for trigger in syntax.triggers:
            if trigger[0] in text and trigger in text:
                break
        else:
            continue
        for match in syntax.pattern.finditer(text):
            inner = next((g for g in match.groups() if g is not None), "")
            span = Span(match.start(), match.end())
            placeholder = Placeholder(span, syntax.name, match.group(), inner.strip())
            found.append((span.start - span.end, rank, span.start, placeholder))
    starts: list[int] = []  # of the kept placeholders, which stay sorted and disjoint
    kept: list[Placeholder] = []
    for _, _, _, placeholder in sorted(found, key=lambda item: item[:3]):
        span = placeholder.span
        index = bisect.bisect_right(starts, span.start)
        if index and kept[index - 1].span.end > span.start:
            continue
        if index < len(kept) and kept[index].span.start < span.end:
            continue
        starts.insert(index, span.start)
        kept.insert(index, placeholder)
    return kept


def select_for(names: Iterable[str], source: object, line: int | None) -> tuple[Syntax, ...]:
    """Return the syntaxes a rule names; an unknown name is a RuleError at the rule's file and line."""
    from .errors import RuleError

    try:
        return select(names)
    except KeyError as exc:
        known = ", ".join(NAMES)
        raise RuleError(f"unknown placeholder syntax {exc.args[0]!r} (known: {known})", source, line) from None


def select(names: Iterable[str]) -> tuple[Syntax, ...]:
    """Return the syntaxes with these names (any case); raise KeyError naming the first unknown one."""
    by_name = {s.name.lower(): s for s in SYNTAXES}
    chosen = []
    for name in names:
        if name.lower() not in by_name:
            raise KeyError(name)
        chosen.append(by_name[name.lower()])
    return tuple(chosen)


# The syntaxes of template engines, which a template is expected to hold. The rest ([NAME], <insert
# date>, XXXX) are notes to a person, unfilled in a template as much as in a draft.
ENGINE_SYNTAXES: tuple[Syntax, ...] = tuple(
    s for s in SYNTAXES if s.name not in {"bracketed field", "angle-bracketed field", "XXXX"}
)
# Placeholders that print nothing: comments, tags and block helpers ({% if %}, {{#each}}, {{/each}}).
_SILENT_SYNTAXES = {"Handlebars comment", "Liquid/Jinja tag", "Jinja comment"}
_SILENT_INNER = re.compile(r"^(?:[#/^>]|else\b)")
# A value stands in as one lower-case made-up word: prose to the parser (so "Hi {{name}}," keeps its
# name), but no real word, name, number or shout, so no check reads anything into it.
_VALUE_MASK = "q"


def is_silent(placeholder: Placeholder) -> bool:
    """Return whether the placeholder renders no text (a comment, a tag, a block helper)."""
    return placeholder.syntax in _SILENT_SYNTAXES or bool(_SILENT_INNER.match(placeholder.inner))


def mask(text: str) -> tuple[str, tuple[Placeholder, ...]]:
    """Return text with every template-engine placeholder masked (same length, line breaks kept)."""
    found = find_placeholders(text, ENGINE_SYNTAXES)
    if not found:
        return text, ()
    parts: list[str] = []
    end = 0
    for placeholder in found:
        start = placeholder.span.start
        parts.append(text[end:start])
        fill = " " if is_silent(placeholder) else _VALUE_MASK
        parts.append("".join("\n" if c == "\n" else fill for c in placeholder.text))
        end = placeholder.span.end
    parts.append(text[end:])
    return "".join(parts), tuple(found)
