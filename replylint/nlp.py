"""The only module that imports spaCy: one blank-English pipeline per process, and phrase lookup."""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .model import Span

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

_COMPONENT = "replylint_lemmas_and_lines"
AMBIGUOUS = frozenset({"'s", "’s"})  # clitics whose lemma needs a tagger to decide
_lock = threading.Lock()
_pipeline: Language | None = None


def pipeline() -> Language:
    """Return the process-wide pipeline, building it on first use (spaCy is imported lazily)."""
    global _pipeline
    with _lock:
        if _pipeline is None:
            _pipeline = _build()
        return _pipeline


def _build() -> Language:
    import spacy
    from spacy.language import Language
    from spacy.lookups import load_lookups

    table = load_lookups("en", ["lemma_lookup"]).get_table("lemma_lookup")
    lemma_ids: dict[int, int] = {}  # normalised form -> lemma, both as StringStore ids

    def lemmas_and_lines(doc: Doc) -> Doc:
        strings = doc.vocab.strings
        for token in doc:
            # The table is keyed on lowercase, so look up the norm: "Refunded" as "refunded", and
            # contractions spelled out ("ca" of "can’t" as "can", "n’t" as "not").
            lemma = lemma_ids.get(token.norm)
            if lemma is None:
                norm = token.norm_
                # Without a tagger "'s" may be "is", "has" or a possessive: keep it as written.
                lemma = lemma_ids[token.norm] = strings.add(norm if norm in AMBIGUOUS else table.get(norm, norm))
            token.lemma = lemma
            # Emails break sentences at line ends: greetings, bullet points and sign-offs have no full stop.
            if token.is_space and "\n" in token.text and token.i + 1 < len(doc):
                doc[token.i + 1].is_sent_start = True
        return doc

    if not Language.has_factory(_COMPONENT):
        Language.component(_COMPONENT, func=lemmas_and_lines)
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe(_COMPONENT)
    return nlp


class TokenPattern(tuple):
    """One spaCy Matcher pattern: a sequence of token attribute dicts."""


def token_pattern_errors(pattern: object) -> list[str]:
    """Return what is wrong with a Matcher pattern (empty when it is valid)."""
    if not isinstance(pattern, list) or not pattern or not all(isinstance(t, dict) for t in pattern):
        return ["a token pattern is a non-empty list of mappings such as {LOWER: sorry}"]
    from spacy.schemas import validate_token_pattern

    return validate_token_pattern([dict(token) for token in pattern])


@dataclass(frozen=True, slots=True)
class PhraseList:
    """What is looked up under one key: phrases (on normalised words or on lemmas) and token patterns."""

    key: str
    phrases: tuple[str, ...] = ()
    lemma: bool = False
    patterns: tuple[TokenPattern, ...] = ()
    target: str = "reply"  # where to look: "reply", "complaint" or "both"


class PhraseIndex:
    """All phrase lists of all rules in two PhraseMatchers, so a reply is scanned once."""

    def __init__(self, lists: Iterable[PhraseList]):
        from spacy.matcher import Matcher, PhraseMatcher

        nlp = pipeline()
        # NORM is the lowercase form with contractions spelled out: "don't" matches "do not".
        self._by_norm = PhraseMatcher(nlp.vocab, attr="NORM")
        self._by_lemma = PhraseMatcher(nlp.vocab, attr="LEMMA")
        self._by_pattern = Matcher(nlp.vocab)
        for phrase_list in lists:
            if phrase_list.phrases and phrase_list.lemma:
                self._by_lemma.add(phrase_list.key, list(nlp.pipe(phrase_list.phrases)))
            elif phrase_list.phrases:
                self._by_norm.add(phrase_list.key, [nlp.make_doc(p) for p in phrase_list.phrases])
            if phrase_list.patterns:
                self._by_pattern.add(phrase_list.key, [list(p) for p in phrase_list.patterns])

    def find(self, doc: Doc) -> Mapping[str, tuple[Span, ...]]:
        """Return the character spans of every phrase found in doc, by key."""
        found: dict[str, list[Span]] = {}
        strings = doc.vocab.strings
        for matcher in (self._by_norm, self._by_lemma, self._by_pattern):
            if not len(matcher):
                continue
            for match_id, start, end in matcher(doc):
                span = doc[start:end]
                found.setdefault(strings[match_id], []).append(Span(span.start_char, span.end_char))
        return {key: tuple(sorted(spans, key=lambda s: (s.start, s.end))) for key, spans in found.items()}


def parse(texts: Iterable[str]) -> Iterator[Doc]:
    """Run the pipeline over texts in batches."""
    return pipeline().pipe(texts, batch_size=256)
