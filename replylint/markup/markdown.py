"""Markdown -> its prose, line for line (markers, link targets, code blocks and comments dropped)."""

from __future__ import annotations

import re

from ..sourcemap import Builder, SourceMap
from ..templates import find_placeholders
from .html import TOKEN, is_element

_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.DOTALL)
_QUOTE = re.compile(r"[ \t]{0,3}>[ \t]?(?:[ \t]{0,3}>[ \t]?)*")
_FENCE = re.compile(r"[ \t]*(`{3,}|~{3,})")
_RULE = re.compile(r"[ \t]{0,3}(?:(?:[-*_][ \t]*){3,}|=+[ \t]*)$")  # thematic break, setext underline
_TABLE_RULE = re.compile(r"[ \t]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)+\|?[ \t]*$")
_DEFINITION = re.compile(r"[ \t]{0,3}\[[^\]]+\]:[ \t]*\S")
_HEADING = re.compile(r"[ \t]{0,3}#{1,6}(?:[ \t]+|$)")
_CLOSING_HASHES = re.compile(r"(?:^|[ \t]+)#+[ \t]*$")
_BULLET = re.compile(r"[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+(?:\[[ xX]\][ \t]+)?")

_CODE = re.compile(r"(`+)(.+?)(?<!`)\1(?!`)")
_IMAGE = re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)")
_LINK = re.compile(r"\[([^\]\n]*)\](\([^)\n]*\)|\[[^\]\n]*\])")
_AUTOLINK = re.compile(r"<((?:https?|mailto|ftp):[^>\s]+|[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+)>")
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_EMPHASIS = [  # (pattern, delimiter width), longest delimiters first so "**" is not read as two "*"
    (re.compile(rf"(?<!\*){d}(?=[^\s*])(?:.*?[^\s*])?{d}(?!\*)"), len(d) // 2)
    for d in (r"\*\*\*", r"\*\*", r"\*")
] + [
    # "_" inside a word is a letter ("snake_case"), never emphasis.
    (re.compile(rf"(?<![\w_]){d}(?=[^\s_])(?:.*?[^\s_])?{d}(?![\w_])"), len(d))
    for d in ("___", "__", "_")
] + [(re.compile(r"~~(?=\S)(?:.*?\S)?~~"), 2)]
_KEEP, _DROP, _HIDDEN = "k", "d", "h"  # per character: copied; dropped; copied but not markup


def extract(file_text: str) -> tuple[str, SourceMap]:
    """Return the prose of a Markdown file, one text line per file line, and its map into the file."""
    builder = Builder(file_text)
    # Comments are blanked with a character no pattern matches, so they cannot start a heading or a link.
    work = _COMMENT.sub(lambda m: re.sub(r"[^\n]", "\x01", m.group()), file_text)
    fence: str | None = None
    start = 0
    while start <= len(file_text):
        end = file_text.find("\n", start)
        end = len(file_text) if end < 0 else end
        fence = _line(builder, work, start, end, fence)
        if end < len(file_text):
            builder.copy(end, end + 1)
        start = end + 1
    return builder.build()


def _line(builder: Builder, work: str, start: int, end: int, fence: str | None) -> str | None:
    """Append the prose of one line; return the open code fence after it, if any."""
    quote = _QUOTE.match(work, start, end)
    at = quote.end() if quote else start
    opened = _FENCE.match(work, at, end)
    if fence is not None:
        closes = opened and opened.group(1)[0] == fence[0] and len(opened.group(1)) >= len(fence)
        return None if closes and not work[opened.end() : end].strip() else fence
    if opened:
        return opened.group(1)
    for pattern in (_RULE, _TABLE_RULE, _DEFINITION):
        if pattern.match(work, at, end):
            return None
    heading = _HEADING.match(work, at, end)
    if heading:
        at = heading.end()
        closing = _CLOSING_HASHES.search(work, at, end)
        end = closing.start() if closing else end
    else:
        bullet = _BULLET.match(work, at, end)
        at = bullet.end() if bullet else at
    marks = _inline(work[at:end])
    _emit(builder, work, at, marks)
    return None


def _inline(segment: str) -> list[str]:
    """Return a mark per character of one line's content: keep, drop (markup) or hidden (kept, inert)."""
    marks = [_DROP if c == "\x01" else _KEEP for c in segment]
    text = list(segment)

    def set_marks(start: int, end: int, mark: str) -> None:
        for index in range(start, end):
            marks[index] = mark
            text[index] = "\x02"  # later patterns must not read markup or code as markup again

    # Placeholders first: "*|FNAME|*" is not emphasis and "<name>" is not a tag.
    for placeholder in find_placeholders(segment):
        set_marks(placeholder.span.start, placeholder.span.end, _HIDDEN)
    for match in _CODE.finditer("".join(text)):
        set_marks(match.start(), match.start(2), _DROP)
        set_marks(match.start(2), match.end(2), _HIDDEN)
        set_marks(match.end(2), match.end(), _DROP)
    for match in _IMAGE.finditer("".join(text)):
        set_marks(match.start(), match.end(), _DROP)
    for match in _LINK.finditer("".join(text)):
        set_marks(match.start(), match.start(1), _DROP)
        set_marks(match.end(1), match.end(), _DROP)
    for match in _AUTOLINK.finditer("".join(text)):
        set_marks(match.start(), match.start() + 1, _DROP)
        set_marks(match.end() - 1, match.end(), _DROP)
    for match in TOKEN.finditer("".join(text)):
        if match["comment"] or (match["tag"] and is_element(match["name"])):
            set_marks(match.start(), match.end(), _DROP)
    for match in _ESCAPE.finditer("".join(text)):
        set_marks(match.start(), match.start() + 1, _DROP)
        set_marks(match.start() + 1, match.end(), _HIDDEN)
    for pattern, width in _EMPHASIS:
        for match in pattern.finditer("".join(text)):
            set_marks(match.start(), match.start() + width, _DROP)
            set_marks(match.end() - width, match.end(), _DROP)
    if segment.endswith("\\") and marks[-1] == _KEEP:
        marks[-1] = _DROP  # a hard line break
    return marks


def _emit(builder: Builder, work: str, at: int, marks: list[str]) -> None:
    """Copy the kept characters of work[at:at+len(marks)], without the line's outer whitespace."""
    kept = [index for index, mark in enumerate(marks) if mark != _DROP]
    while kept and work[at + kept[0]] in " \t":
        kept.pop(0)
    while kept and work[at + kept[-1]] in " \t\r":
        kept.pop()
    run = None
    for index in kept:
        if run is not None and index == run[1]:
            run[1] += 1
            continue
        if run is not None:
            builder.copy(at + run[0], at + run[1])
        run = [index, index + 1]
    if run is not None:
        builder.copy(at + run[0], at + run[1])
