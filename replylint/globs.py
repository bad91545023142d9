"""Path globs for config (`templates`, `ignore`, `overrides.files`): *, ?, [...] and **, gitignore-like."""

from __future__ import annotations

import functools
import re
from pathlib import Path, PurePosixPath


def _anchored(pattern: str) -> bool:
    # A pattern without a slash matches a name at any depth ("*.html"), as in .gitignore.
    return "/" in pattern.rstrip("/")


@functools.lru_cache(maxsize=512)
def _compile(pattern: str) -> re.Pattern:
    anchored = _anchored(pattern)
    pattern = pattern.strip("/")
    parts: list[str] = []
    index = 0
    while index < len(pattern):
        char = pattern[index]
        if pattern.startswith("**/", index):
            parts.append("(?:.*/)?")
            index += 3
            continue
        if pattern.startswith("**", index):
            parts.append(".*")
            index += 2
            continue
        if char == "*":
            parts.append("[^/]*")
        elif char == "?":
            parts.append("[^/]")
        elif char == "[" and "]" in pattern[index + 1 :] and _class(pattern, index):
            end = pattern.index("]", index + 1)
            parts.append(_class(pattern, index))
            index = end
        else:
            parts.append(re.escape(char))
        index += 1
    prefix = "" if anchored else "(?:.*/)?"
    # A pattern naming a folder matches everything under it.
    return re.compile(f"{prefix}{''.join(parts)}(?:/.*)?")


def _class(pattern: str, index: int) -> str | None:
    """Return the regex of the [...] set at index, or None for no valid set ([z-a]): "[" is then literal."""
    body = pattern[index + 1 : pattern.index("]", index + 1)]
    negated = body.startswith("!")
    chars = body[1:] if negated else body
    # Each character stands for itself, but a range's single "-": "[", "&&" or "--" inside a set would
    # read as the nested sets and set operations that re warns about.
    escaped = [
        c if c == "-" and "-" not in (chars[i - 1 : i], chars[i + 1 : i + 2]) else re.escape(c)
        for i, c in enumerate(chars)
    ]
    regex = f"[{'^' if negated else ''}{''.join(escaped)}]"
    try:
        re.compile(regex)
    except re.error:
        return None
    return regex


def relative(path: Path, root: Path) -> str | None:
    """Return path relative to root with / separators, or None when it lies outside root."""
    try:
        return PurePosixPath(path.resolve().relative_to(root.resolve())).as_posix()
    except ValueError:
        return None


def matches(path: Path, patterns: tuple[str, ...], root: Path) -> bool:
    """Return whether path matches any pattern: one with a slash relative to root, others at any depth."""
    if not patterns:
        return False
    inside = relative(path, root)
    anywhere = path.resolve().as_posix().lstrip("/")
    for pattern in patterns:
        name = inside if _anchored(pattern) else anywhere
        if name is not None and _compile(pattern).fullmatch(name):
            return True
    return False
