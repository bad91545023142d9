"""Comments a reader never sees (HTML, Jinja, Handlebars), where directives to the linter live."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..sourcemap import line_col

# One pattern, so a "<!--" inside a Jinja comment is not a second comment. Handlebars' long form comes
# first: "{{!-- a }} b --}}" is one comment.
_COMMENT = re.compile(
    r"<!--(?P<html>.*?)-->|\{#-?(?P<jinja>.*?)-?#\}|\{\{!--(?P<long>.*?)--\}\}|\{\{!(?P<short>.*?)\}\}",
    re.DOTALL,
)


@dataclass(frozen=True, slots=True)
class Comment:
    """One comment: its text without delimiters or outer whitespace, and its first and last line."""

    text: str
    line: int  # 1-based line of the opening delimiter
    end_line: int  # 1-based line of the closing delimiter


def comments(file_text: str) -> list[Comment]:
    """Return every HTML, Jinja and Handlebars comment in file_text, in order."""
    found = []
    for match in _COMMENT.finditer(file_text):
        inner = next(group for group in match.groups() if group is not None)
        line = line_col(file_text, match.start())[0]
        end_line = line + match.group().count("\n")
        found.append(Comment(inner.strip(), line, end_line))
    return found
