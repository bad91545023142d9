"""Rule regexes that cannot hang a hook: the `regex` engine, searched under a time budget per rule and draft.

Rules and configs are user-written, so one catastrophic pattern (`(a+)+$`) must cost one rule on one
draft, not the agent's Send button. Python's `re` cannot be interrupted; `regex` takes a timeout and
runs the same syntax, lookarounds included (which a linear-time engine such as RE2 cannot).
"""

from __future__ import annotations

import contextvars
import os
import re
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Self

import regex

from .errors import RuleError

BUDGET_ENV = "REPLYLINT_REGEX_BUDGET_MS"
# Regex CPU time per rule and draft. A healthy rule needs well under 1 ms on a reply; the margin is
# for a slow machine.
DEFAULT_BUDGET_MS = 100.0
# Searches grow with the reply (a long one holds more matches, and `unless` searches each one's
# sentence), so the budget grows too: 5 µs a character, 5 s at the 1,000,000-character limit, where
# company-policy needs 0.7 s for 15,000 matches; 10 ms on a 2,000-character reply.
PER_CHAR_SECONDS = 5e-6
IGNORECASE = regex.IGNORECASE
error = regex.error  # what Pattern() raises for a pattern that does not compile


def alternation(phrases: Iterable[str]) -> str:
    """Return phrases as one regex alternation, literal but for any run of whitespace between words."""
    return "|".join(re.escape(" ".join(p.split())).replace(r"\ ", r"\s+") for p in phrases)


class RegexTimeout(RuleError):
    """A rule's regex ran past its budget on one draft: that rule is skipped for that draft."""


def budget_ms() -> float:
    """Return the base budget in milliseconds: $REPLYLINT_REGEX_BUDGET_MS, or 100."""
    try:
        value = float(os.environ.get(BUDGET_ENV, DEFAULT_BUDGET_MS))
    except ValueError:
        return DEFAULT_BUDGET_MS
    return value if 0 < value < 1e9 else DEFAULT_BUDGET_MS


class Budget:
    """The regex time one rule may spend on one draft; `with Budget(len(text)):` makes it the current one.
    One budget serves all the rules of a draft, refilled before each."""

    def __init__(self, length: int = 0):
        self.total = budget_ms() / 1000 + length * PER_CHAR_SECONDS
        self.left = self.total
        self._token: contextvars.Token | None = None

    def refill(self) -> None:
        """Give the next rule the whole budget again."""
        self.left = self.total

    def __enter__(self) -> Self:
        self._token = _current.set(self)
        return self

    def __exit__(self, *exc_info) -> None:
        _current.reset(self._token)


# The budget of the rule now running; None outside Linter.evaluate, where each search gets its own.
_current: contextvars.ContextVar[Budget | None] = contextvars.ContextVar("regex_budget", default=None)


class Pattern:
    """A compiled rule regex that knows where it was written; searches like re.Pattern, within the budget."""

    __slots__ = ("_compiled", "flags", "line", "path", "pattern")

    def __init__(self, pattern: str, flags: int, path: str | Path | None = None, line: int | None = None):
        self.pattern = pattern
        self.flags = flags
        self.path = path
        self.line = line
        self._compiled = regex.compile(pattern, flags | regex.VERSION0)  # VERSION0: re's semantics

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Pattern):
            return NotImplemented
        return (self.pattern, self.flags) == (other.pattern, other.flags)

    def __hash__(self) -> int:
        return hash((self.pattern, self.flags))

    def __repr__(self) -> str:
        return f"regexes.Pattern({self.pattern!r})"

    def __reduce__(self):
        # Rebuilt from its source in the receiving process (--jobs sends rules to workers).
        return Pattern, (self.pattern, self.flags, self.path, self.line)

    def search(self, text: str, pos: int = 0, endpos: int | None = None):
        return self._timed(self._compiled.search, text, pos, endpos)

    def match(self, text: str, pos: int = 0, endpos: int | None = None):
        return self._timed(self._compiled.match, text, pos, endpos)

    def fullmatch(self, text: str, pos: int = 0, endpos: int | None = None):
        return self._timed(self._compiled.fullmatch, text, pos, endpos)

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> Iterator:
        budget = _current.get() or Budget(len(text))
        end = len(text) if endpos is None else endpos
        last = None
        while True:  # on from the last match after each timeout that left CPU time (see _left)
            matches = self._compiled.finditer(text, pos, end, timeout=self._left(budget, text))
            try:
                while True:
                    cpu = time.thread_time()
                    try:
                        found = next(matches)
                    finally:
                        budget.left -= time.thread_time() - cpu
                    # Started again at the last match's end, an empty match there is that match again.
                    if last is None or found.span() != last.span():
                        last = found
                        yield found
            except StopIteration:
                return
            except TimeoutError:
                pos = pos if last is None else last.end()

    def _timed(self, method: Callable, text: str, pos: int, endpos: int | None):
        budget = _current.get() or Budget(len(text))
        end = len(text) if endpos is None else endpos
        while True:  # again after each timeout that left CPU time (see _left)
            cpu = time.thread_time()
            try:
                return method(text, pos, end, timeout=self._left(budget, text))
            except TimeoutError:
                pass
            finally:
                budget.left -= time.thread_time() - cpu

    def _left(self, budget: Budget, text: str) -> float:
        """Return the rule's CPU time left, as the engine's timeout; raise if none is left.

        The budget counts the CPU time of this thread's searches. The engine's timeout counts the whole
        process's CPU time since the search began: other threads (a server's) and the rule's own code
        between two matches too. When it fires early, the search goes on with what is left.
        """
        if budget.left <= 0:
            raise self._timed_out(budget, text)
        return budget.left

    def _timed_out(self, budget: Budget, text: str) -> RegexTimeout:
        return RegexTimeout(
            f"regex {self.pattern!r} took longer than {budget.total * 1000:.0f} ms on this draft, so its "
            "rule was skipped (it may backtrack catastrophically: look for a repeated group that can match "
            "the same text in two ways, such as (a+)+)",
            self.path,
            self.line,
        )
