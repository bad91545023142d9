"""Extractors that turn a marked-up file into plain text plus a SourceMap back into the file."""

from __future__ import annotations

import bisect
from collections.abc import Callable

from ..sourcemap import SourceMap
from . import html, markdown

Extractor = Callable[[str], tuple[str, SourceMap]]

# The markups a field or file may be written in; the key is what `--markup` and configs name.
EXTRACTORS: dict[str, Extractor] = {
    "html": html.extract,
    "markdown": markdown.extract,
}


def compose(inner: SourceMap, outer: SourceMap) -> SourceMap:
    """Return a map from inner's text to outer's file, where inner's file is outer's text."""
    outer_starts = [text_at for text_at, _ in outer.anchors]
    nexts = [text_at for text_at, _ in inner.anchors[1:]]
    anchors: list[tuple[int, int]] = []
    for index, (text_at, middle_at) in enumerate(inner.anchors):
        # Each inner segment is a straight run of the middle text; outer anchors inside it split it.
        length = nexts[index] - text_at if index < len(nexts) else len(inner.file_text) - middle_at
        _add(anchors, text_at, outer.file_offset(middle_at))
        at = bisect.bisect_right(outer_starts, middle_at)
        while at < len(outer_starts) and outer_starts[at] < middle_at + length:
            _add(anchors, text_at + outer_starts[at] - middle_at, outer.anchors[at][1])
            at += 1
    return SourceMap(outer.file_text, tuple(anchors) or ((0, 0),))


def _add(anchors: list[tuple[int, int]], text_at: int, file_at: int) -> None:
    if anchors and anchors[-1][0] == text_at:
        anchors[-1] = (text_at, file_at)
    elif not anchors or anchors[-1][1] + text_at - anchors[-1][0] != file_at:
        anchors.append((text_at, file_at))  # an anchor that only continues the last one is left out
