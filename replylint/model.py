"""The data that flows through replylint: frozen values, no I/O."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import IntEnum
from types import MappingProxyType
from typing import NamedTuple

from .sourcemap import SourceMap, line_col

CATEGORIES = (
    "rude-tone",
    "arguing",
    "unreachable",
    "policy-excuse",
    "broken-promise",
    "customer-record",
    "runaround",
    "canned-reply",
    "not-listening",
    "missing-basics",
)


class Severity(IntEnum):
    """How bad a finding is; ordered, so max() and comparisons work."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, name: str) -> Severity:
        """Return the severity called `name` (error, warning, info); raise ValueError otherwise."""
        try:
            return cls[name.upper()]
        except (KeyError, AttributeError):
            raise ValueError(f"unknown severity {name!r} (expected error, warning or info)") from None


class Span(NamedTuple):
    """Character offsets into the reply: start inclusive, end exclusive. A tuple, not a frozen dataclass:
    a draft makes hundreds, and a frozen dataclass costs several times as much to build."""

    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Customer:
    """The customer record: a name plus any other fields (order, account, address...)."""

    name: str | None = None
    fields: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))

    @classmethod
    def from_mapping(cls, record: Mapping[str, object]) -> Customer:
        """Build a record from a mapping such as {"name": ..., "order": ...}."""
        name = record.get("name")
        others = {str(k): str(v) for k, v in record.items() if k != "name" and v is not None}
        return cls(name=str(name) if name else None, fields=MappingProxyType(others))

    def as_dict(self) -> dict[str, str]:
        record = {"name": self.name} if self.name else {}
        return record | dict(self.fields)


@dataclass(frozen=True, slots=True)
class Draft:
    """What is linted: the reply, and when known the customer's message and record."""

    reply: str
    complaint: str | None = None
    customer: Customer | None = None
    id: str | None = None
    template: bool = False  # a template: engine placeholders ({{ }}, %{ }...) are expected, not unfilled


@dataclass(frozen=True, slots=True)
class Finding:
    """One reported problem, complete when it leaves its check."""

    rule_id: str
    category: str
    severity: Severity
    span: Span | None  # None: about the whole reply (e.g. no apology anywhere)
    message: str
    suggestion: str | None = None

    @property
    def sort_key(self) -> tuple[int, str]:
        return (self.span.start if self.span else -1, self.rule_id)


@dataclass(frozen=True, slots=True)
class Skipped:
    """A rule skipped on one draft, and why: a regex of it ran out of time."""

    rule_id: str
    message: str  # "rules/x.yaml:5: regex '(a+)+$' took longer than 105 ms on this draft, ..."

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True, slots=True)
class Report:
    """Every finding for one draft, in reply order."""

    findings: tuple[Finding, ...] = ()
    problems: tuple[Skipped, ...] = ()  # rules that could not finish on this draft

    @property
    def max_severity(self) -> Severity | None:
        return max((f.severity for f in self.findings), default=None)


@dataclass(frozen=True, slots=True)
class Result:
    """One linted draft with where it came from, as the formatters see it."""

    source: str  # the file, or "-" for stdin
    draft: Draft
    report: Report
    entry: int | None = None  # line of the case in a JSON Lines file
    origin: SourceMap | None = None  # where the reply sits in its file, when it is not the whole file

    def position(self, offset: int) -> tuple[int, int]:
        """Return the 1-based line and column of a reply offset, in the file when the origin is known."""
        return self.origin.position(offset) if self.origin else line_col(self.draft.reply, offset)

    def end_position(self, span: Span) -> tuple[int, int]:
        """Return the line and column just after a span's last character (past it, a tag may be dropped)."""
        if self.origin is None or span.end <= span.start:
            return self.position(span.end)
        line, column = self.origin.position(span.end - 1)
        return line, column + 1

    @property
    def label(self) -> str:
        """Return how text output names this draft: the file, or the case inside it."""
        if self.entry is not None:
            return f"{self.source}[{self.draft.id if self.draft.id is not None else f'line {self.entry}'}]"
        return self.source
