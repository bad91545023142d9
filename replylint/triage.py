"""After linting, what is shown: min-level, and in templates the inline replylint-disable directives."""

from __future__ import annotations

import dataclasses
from collections.abc import Collection
from dataclasses import dataclass

from . import suppress
from .config import Config
from .model import Result


@dataclass(frozen=True, slots=True)
class Note:
    """A problem with the directives of a file, printed beside the findings."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


@dataclass(frozen=True, slots=True)
class Triaged:
    """One result as shown, and what its directives left to say."""

    result: Result
    problems: tuple[Note, ...] = ()  # malformed directives and unknown names
    unused: tuple[Note, ...] = ()  # directives that suppressed nothing


def triage(result: Result, config: Config, known_names: Collection[str]) -> Triaged:
    """Drop findings below min-level; in a template, apply its inline directives."""
    findings = tuple(f for f in result.report.findings if f.severity >= config.min_level)
    problems: list[Note] = []
    unused: list[Note] = []
    if result.draft.template:
        file_text = result.origin.file_text if result.origin else result.draft.reply
        directives = suppress.parse(file_text)
        if directives.items or directives.malformed:
            located = [(f, result.position(f.span.start)[0] if f.span else None) for f in findings]
            applied = suppress.apply(located, directives)
            findings = applied.kept
            for line, message in suppress.problems(directives, known_names):
                problems.append(Note(result.source, line, message))
            for directive in applied.unused:
                names = ", ".join(directive.names) or "all rules"
                unused.append(Note(result.source, directive.line, f"unused directive {directive.kind.value} ({names})"))
    shown = dataclasses.replace(result, report=dataclasses.replace(result.report, findings=findings))
    return Triaged(shown, tuple(problems), tuple(unused))
