"""Inline suppression directives in template comments: parsed into data, then applied to findings."""

from __future__ import annotations

import bisect
import difflib
import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum

from .model import Finding

PREFIX = "replylint-"

# One pass over every comment syntax a template may use. Handlebars `{{!-- --}}` comes before `{{! }}`
# so its dashes are not read as part of the body; `-` (Jinja) and `~` (Handlebars) are whitespace control.
_COMMENT = re.compile(
    r"<!--(.*?)-->"
    r"|\{#-?(.*?)-?#\}"
    r"|\{\{~?!--(.*?)--~?\}\}"
    r"|\{\{~?!(.*?)~?\}\}",
    re.DOTALL,
)
_REASON = re.compile(r"(?:^|\s)--(?:\s|$)")  # " -- " starts the reason; names may contain single dashes
_SEPARATORS = re.compile(r"[,\s]+")


class Kind(StrEnum):
    """A directive keyword."""

    DISABLE_NEXT_LINE = "replylint-disable-next-line"
    DISABLE_LINE = "replylint-disable-line"
    DISABLE = "replylint-disable"
    ENABLE = "replylint-enable"
    DISABLE_FILE = "replylint-disable-file"


@dataclass(frozen=True, slots=True)
class Directive:
    """One directive: what it names, why, the line of its comment, and the file lines it covers."""

    kind: Kind
    names: tuple[str, ...]  # rule or category ids; empty: every rule
    reason: str | None
    line: int  # 1-based line where the comment starts
    lines: range  # covered lines; empty for enable, and for next-line at the end of the file

    @property
    def whole_file(self) -> bool:
        """Return whether the directive also covers whole-reply findings."""
        return self.kind is Kind.DISABLE_FILE

    def suppresses(self, finding: Finding, line: int | None) -> bool:
        """Return whether this directive covers a finding on `line` (None: about the whole reply)."""
        if not (self.whole_file or (line is not None and line in self.lines)):
            return False
        return not self.names or finding.rule_id in self.names or finding.category in self.names


@dataclass(frozen=True, slots=True)
class Directives:
    """Every directive in one file, in file order, plus the comments that looked like one but were not."""

    items: tuple[Directive, ...] = ()
    malformed: tuple[tuple[int, str], ...] = ()  # (line, message)


@dataclass(frozen=True, slots=True)
class Applied:
    """Findings split into kept and suppressed, with the directives that suppressed nothing."""

    kept: tuple[Finding, ...]
    suppressed: tuple[tuple[Finding, Directive], ...]
    unused: tuple[Directive, ...]


def parse(file_text: str) -> Directives:
    """Return the directives found in the comments of a template file."""
    newlines = [i for i, char in enumerate(file_text) if char == "\n"]
    text_lines = file_text.split("\n")
    last = len(text_lines)
    items: list[Directive] = []
    malformed: list[tuple[int, str]] = []
    open_blocks: list[Directive] = []  # disables awaiting their enable; `lines` runs to the end for now

    for match in _COMMENT.finditer(file_text):
        body = next(group for group in match.groups() if group is not None).strip()
        # Only a comment that *starts* with the prefix is a directive, so prose about directives is not.
        if not body.startswith(PREFIX):
            continue
        line = bisect.bisect_left(newlines, match.start()) + 1
        end = bisect.bisect_left(newlines, match.end() - 1) + 1
        keyword, *tail = body.split(None, 1)
        try:
            kind = Kind(keyword)
        except ValueError:
            malformed.append((line, _unknown("directive", keyword, [k.value for k in Kind])))
            continue
        names_text, reason = _split_reason(tail[0] if tail else "")
        names = tuple(dict.fromkeys(name for name in _SEPARATORS.split(names_text) if name))
        directive = Directive(kind, names, reason or None, line, range(0))
        if kind is Kind.DISABLE_NEXT_LINE:
            target = next((n for n in range(end + 1, last + 1) if text_lines[n - 1].strip()), None)
            items.append(replace(directive, lines=range(target, target + 1) if target else range(0)))
        elif kind is Kind.DISABLE_LINE:
            items.append(replace(directive, lines=range(line, end + 1)))
        elif kind is Kind.DISABLE_FILE:
            items.append(replace(directive, lines=range(1, last + 1)))
        elif kind is Kind.DISABLE:
            open_blocks.append(replace(directive, lines=range(end + 1, last + 1)))
        else:
            items.append(directive)
            open_blocks = _enable(open_blocks, directive, items, malformed)

    items.extend(open_blocks)  # an unclosed disable runs to the end of the file
    items.sort(key=lambda d: d.line)  # stable, so directives on one line keep their order
    return Directives(tuple(items), tuple(malformed))


def _split_reason(rest: str) -> tuple[str, str]:
    """Split what follows the keyword into its names and its reason."""
    names, *reason = _REASON.split(rest, maxsplit=1)
    return names.strip(), reason[0].strip() if reason else ""


def _enable(
    open_blocks: list[Directive], enable: Directive, items: list[Directive], malformed: list[tuple[int, str]]
) -> list[Directive]:
    """Close the open disables that `enable` ends, and return the ones still open."""
    still_open: list[Directive] = []
    for block in open_blocks:
        closed = range(block.lines.start, enable.line)
        if not enable.names:
            items.append(replace(block, lines=closed))
            continue
        if not block.names:
            # "All rules except these" is not a range of lines: say so rather than guess.
            message = (
                f"{Kind.ENABLE} {', '.join(enable.names)} cannot end part of the {Kind.DISABLE} "
                f"of all rules on line {block.line}; use {Kind.ENABLE} with no names"
            )
            malformed.append((enable.line, message))
            still_open.append(block)
            continue
        ended = tuple(name for name in block.names if name in enable.names)
        remaining = tuple(name for name in block.names if name not in enable.names)
        if ended:
            # A partial enable splits the disable: the ended names stop here, the others stay open.
            items.append(replace(block, names=ended, lines=closed))
        if remaining:
            still_open.append(replace(block, names=remaining))
    return still_open  # an enable of a name that was never disabled matches nothing: harmless


def apply(findings_with_lines: Sequence[tuple[Finding, int | None]], directives: Directives) -> Applied:
    """Split findings into kept and suppressed; each finding is credited to the narrowest directive."""
    active = [d for d in directives.items if d.kind is not Kind.ENABLE]
    # Indexes, not directives: two identical comments on one line are two directives, each used or not.
    used: set[int] = set()
    kept: list[Finding] = []
    suppressed: list[tuple[Finding, Directive]] = []
    for finding, line in findings_with_lines:
        covering = [i for i, d in enumerate(active) if d.suppresses(finding, line)]
        if not covering:
            kept.append(finding)
            continue
        # Crediting the narrowest lets --report-unused-directives flag a broad directive made redundant.
        best = min(covering, key=lambda i: (active[i].whole_file, len(active[i].lines), active[i].line))
        used.add(best)
        suppressed.append((finding, active[best]))
    unused = tuple(d for i, d in enumerate(active) if i not in used)
    return Applied(tuple(kept), tuple(suppressed), unused)


def problems(directives: Directives, known_names: Collection[str]) -> list[tuple[int, str]]:
    """Return (line, message) for each malformed directive and each name that is no rule or category."""
    found = list(directives.malformed)
    for directive in directives.items:
        for name in directive.names:
            if name not in known_names:
                found.append((directive.line, _unknown("rule or category", name, known_names)))
    return sorted(found)


def _unknown(what: str, word: str, known: Collection[str]) -> str:
    """Return an 'unknown X' message with the closest known spelling, if any."""
    close = difflib.get_close_matches(word, list(known), n=1)
    return f"unknown {what} {word!r}" + (f"; did you mean {close[0]!r}?" if close else "")
