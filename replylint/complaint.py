"""Is the customer's message a complaint? Lexicon-based, so every verdict can be explained."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path

from . import yamlfile
from .errors import ReplylintError
from .model import Span
from .nlp import PhraseList

LEXICON = Path(__file__).parent / "lexicons" / "complaint.yaml"
KEY = "complaint/problem"


def phrase_lists(path: Path = LEXICON) -> Iterator[PhraseList]:
    """Yield the lexicon's phrase lists, matched on lemmas in the customer's message."""
    data = yamlfile.load(path)
    problem = data.get("problem") if isinstance(data, Mapping) else None
    if not isinstance(problem, list) or not all(isinstance(p, str) and p.strip() for p in problem):
        raise ReplylintError("expected key 'problem' with a list of phrases", path, 1)
    yield PhraseList(KEY, tuple(problem), lemma=True, target="complaint")


def is_complaint(hits: Mapping[str, tuple[Span, ...]]) -> bool:
    """Return True when the message reports something that went wrong."""
    return bool(hits.get(KEY))
