"""Where linted text came from: reply offsets -> line and column of the original file."""

from __future__ import annotations

import bisect
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class SourceMap:
    """Maps offsets in extracted text (HTML stripped, a YAML field...) back into the file it came from.

    `anchors` are (text offset, file offset) pairs sorted by text offset: from each anchor on, text and
    file advance together until the next one. Extractors add an anchor wherever they drop or change
    characters (a tag, an entity, a YAML indent).
    """

    file_text: str
    anchors: tuple[tuple[int, int], ...] = ((0, 0),)

    def file_offset(self, offset: int) -> int:
        """Return the offset in the file of a text offset."""
        index = bisect.bisect_right(self.anchors, (offset, float("inf"))) - 1
        text_at, file_at = self.anchors[max(index, 0)]
        return min(file_at + max(offset - text_at, 0), len(self.file_text))

    def position(self, offset: int) -> tuple[int, int]:
        """Return the 1-based line and column in the file of a text offset."""
        return line_col(self.file_text, self.file_offset(offset))

    def line_text(self, line: int) -> str:
        """Return one line of the file, without its newline."""
        lines = self.file_text.split("\n")
        return lines[line - 1] if 0 < line <= len(lines) else ""


def line_col(text: str, offset: int) -> tuple[int, int]:
    """Return the 1-based line and column of a character offset."""
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, column


class Builder:
    """Builds text and its SourceMap piece by piece while an extractor walks a file."""

    def __init__(self, file_text: str) -> None:
        self.file_text = file_text
        self.parts: list[str] = []
        self.length = 0
        self.anchors: list[tuple[int, int]] = []

    def copy(self, file_start: int, file_end: int) -> None:
        """Append the file's own characters file_start:file_end."""
        self.emit(self.file_text[file_start:file_end], file_start)

    def emit(self, text: str, file_offset: int) -> None:
        """Append text that stands for the file from file_offset on (an entity, a line break for a tag)."""
        if not text:
            return
        if not self.anchors or self.anchors[-1][0] != self.length:
            self.anchors.append((self.length, file_offset))
        else:
            self.anchors[-1] = (self.length, file_offset)
        self.parts.append(text)
        self.length += len(text)

    def build(self) -> tuple[str, SourceMap]:
        """Return the text and its map."""
        return "".join(self.parts), SourceMap(self.file_text, tuple(self.anchors) or ((0, 0),))
