"""Shared helpers for extractor tests: find a word in extracted text and check where it maps."""

from __future__ import annotations

import re

import pytest

from replylint.sourcemap import SourceMap


@pytest.fixture
def where():
    """Return a function: the file line and column of a word in extracted text, checked against the file."""

    def locate(text: str, origin: SourceMap, word: str, nth: int = 0) -> tuple[int, int]:
        starts = [m.start() for m in re.finditer(re.escape(word), text)]
        assert len(starts) > nth, f"{word!r} not in {text!r}"
        offset = starts[nth]
        at = origin.file_offset(offset)
        assert origin.file_text.startswith(word, at), f"{word!r} maps to {origin.file_text[at:at + 20]!r}"
        return origin.position(offset)

    return locate


@pytest.fixture
def words_map():
    """Return a function asserting that every ASCII word of extracted text maps to itself in the file."""

    def check(text: str, origin: SourceMap) -> None:
        for match in re.finditer(r"[A-Za-z]+", text):
            at = origin.file_offset(match.start())
            found = origin.file_text[at : at + len(match.group())]
            assert found == match.group(), (match.group(), origin.position(match.start()), found)

    return check
