"""spaCy, built once per process: a blank-English pipeline (lemmas and sentences from annotator.py), and phrase lookup."""

from __future__ import annotations

import collections
import threading
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .model import Span

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

_COMPONENT = "replylint_lemmas_and_sentences"
SENTENCES = "replylint_sentences"  # Doc.user_data key: the annotator's (start, end) of each sentence
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
    from spacy.pipeline import Sentencizer

    from .annotator import Annotator

    def annotator(nlp: Language, name: str) -> Annotator:
        lemmas = load_lookups("en", ["lemma_lookup"]).get_table("lemma_lookup")
        return Annotator(nlp.vocab, lemmas, Sentencizer.default_punct_chars)

    if not Language.has_factory(_COMPONENT):
        Language.factory(_COMPONENT, func=annotator)
    nlp = spacy.blank("en")
    nlp.tokenizer = _SeededTokenizer(_BoundedTokenizer(nlp.tokenizer))
    nlp.add_pipe(_COMPONENT)
    return nlp


class _BoundedTokenizer:
    """spaCy's tokenizer, fed long runs without spaces in pieces: it strips "(" or "!" one at a time,
    each time copying the rest, so 30,000 of them took two minutes. A piece costs at most RUN² steps."""

    RUN = 256
    _long = None  # compiled on first use: a run of more than RUN characters without a space

    def __init__(self, tokenizer):
        self.tokenizer = tokenizer

    def __call__(self, text: str) -> Doc:
        if len(text) <= self.RUN or _spaced_often(text, self.RUN):
            return self.tokenizer(text)
        if _BoundedTokenizer._long is None:
            import re

            _BoundedTokenizer._long = re.compile(rf"\S{{{self.RUN + 1},}}")
        if not self._long.search(text):
            return self.tokenizer(text)
        # Imported here, not above: four imports on every text cost 5 % of tokenizing a reply.
        import numpy
        from spacy.attrs import SENT_START
        from spacy.tokens import Doc

        pieces, at, step = [], 0, self.RUN // 2
        for run in self._long.finditer(text):
            pieces.append(text[at : run.start()])
            pieces.extend(text[i : min(i + step, run.end())] for i in range(run.start(), run.end(), step))
            at = run.end()
        pieces.append(text[at:])
        docs = [self.tokenizer(piece) for piece in pieces if piece]
        doc = Doc.from_docs(docs, ensure_whitespace=False)
        # from_docs starts a sentence at every piece; the annotator decides, as for any other text.
        doc.from_array([SENT_START], numpy.zeros((len(doc), 1), dtype="uint64"))
        return doc

    def __getattr__(self, name: str):
        return getattr(self.tokenizer, name)  # rules, vocab, pipe... as the wrapped tokenizer has them


def _spaced_often(text: str, run: int) -> bool:
    """Return True if text surely has no run of more than run characters without a space (False: look)."""
    # A run of 2 * block - 1 characters covers a whole block of this grid, so a space in every block rules
    # it out: a few C-level finds instead of a regex trying every position (10 µs a reply).
    block = run // 2 + 1
    return all(text.find(" ", start, start + block) != -1 for start in range(0, len(text) - block + 1, block))


class _SeededTokenizer:
    """Tokenizes again, each on its own, the chunks between spaces that spaCy had to split afresh, so the
    next text finds them in spaCy's cache. spaCy caches the tokens of a chunk, but only up to 10,000
    chunks, and not after a special case ("I'm", "don't") earlier in the same text (its issue #1250): a
    tenth of a reply's chunks, two thirds of the time, were tokenized afresh on every draft (300 µs a
    draft; seeded, 200 µs). A chunk's tokens do not depend on the text around it, so the tokens are the
    same: the text itself is always tokenized by spaCy as it stands."""

    LIMIT = 100_000  # chunks seeded before spaCy's cache and this set start afresh: about 18 MB at most
    LONGEST = 64  # longer chunks are mostly one-off (long URLs) and not worth a tokenizer call

    def __init__(self, tokenizer: _BoundedTokenizer):
        self.tokenizer = tokenizer
        self._spacy = tokenizer.tokenizer
        self._spacy.max_cache_size = self.LIMIT
        self._seen: set[str] = set()
        # Emptying spaCy's cache walks it in Python, and the strings below are the current text's: one
        # text at a time.
        self._lock = threading.Lock()
        # spaCy looks for a prefix only in a chunk it did not find in its cache (and in what it strips the
        # chunk to), so recording those strings finds the chunks to seed without splitting every text in
        # Python and looking each chunk up (25 µs a draft, when nearly every chunk is cached).
        self._split_afresh: set[str] = set()
        search = self._spacy.prefix_search
        if search is not None:

            def record_and_search(string: str):
                if len(string) <= self.LONGEST:
                    self._split_afresh.add(string)
                return search(string)

            self._spacy.prefix_search = record_and_search  # spaCy reloads its special cases through it
            self._split_afresh.clear()

    def __call__(self, text: str) -> Doc:
        with self._lock:
            doc = self.tokenizer(text)
            new = self._split_afresh.difference(self._seen)
            self._split_afresh.clear()
            if new:
                if len(self._seen) + len(new) > self.LIMIT:
                    self._spacy._flush_cache()
                    self._seen.clear()
                self._seen.update(new)
                for chunk in new:
                    self._spacy(chunk)
                self._split_afresh.clear()  # what seeding split in turn: pieces of chunks already seeded
            return doc

    def __getattr__(self, name: str):
        return getattr(self.tokenizer, name)


def sentence_bounds(doc: Doc) -> list[tuple[int, int]]:
    """Return the start and end character of each sentence of doc, as Doc.sents gives them."""
    found = doc.user_data.get(SENTENCES)
    if found is None:  # a Doc the annotator never filled in (an empty one)
        found = [(s.start_char, s.end_char) for s in doc.sents]
    return found


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
        lists = list(lists)
        counts = collections.Counter(phrase_list.key for phrase_list in lists)
        first: dict[tuple, str] = {}  # what a list looks up -> the first key that looks it up
        self._aliases: dict[str, list[str]] = {}  # that key -> every key whose list is the same
        for phrase_list in lists:
            # Rules that share a word list (the relevance kinds share topics and sign-offs) are matched
            # once: a third of the phrases, and of the matches to turn into spans.
            # Token patterns hold dicts, which cannot be hashed: compare them written out.
            content = (phrase_list.phrases, phrase_list.lemma, repr(phrase_list.patterns))
            same = first.setdefault(content, phrase_list.key)
            if same != phrase_list.key and counts[same] == counts[phrase_list.key] == 1:
                self._aliases[same].append(phrase_list.key)
                continue
            self._aliases.setdefault(phrase_list.key, [phrase_list.key])
            if phrase_list.phrases and phrase_list.lemma:
                self._by_lemma.add(phrase_list.key, list(nlp.pipe(phrase_list.phrases)))
            elif phrase_list.phrases:
                self._by_norm.add(phrase_list.key, [nlp.make_doc(p) for p in phrase_list.phrases])
            if phrase_list.patterns:
                self._by_pattern.add(phrase_list.key, [list(p) for p in phrase_list.patterns])
        self._matchers = [m for m in (self._by_norm, self._by_lemma, self._by_pattern) if len(m)]
        self._keys: dict[int, list[str]] = {}  # match id -> the phrase-list keys it reports

    def find(self, doc: Doc) -> Mapping[str, tuple[Span, ...]]:
        """Return the character spans of every phrase found in doc, by key."""
        found: dict[int, list[tuple[int, int]]] = {}
        for matcher in self._matchers:
            for match_id, start, end in matcher(doc):
                # Offsets from the two end tokens: doc[start:end] would build a spaCy Span for each match.
                last = doc[end - 1]
                start_char = last.idx if end - start == 1 else doc[start].idx
                found.setdefault(match_id, []).append((start_char, last.idx + len(last)))
        keys = self._keys
        strings = doc.vocab.strings
        spans = {}
        for match_id, offsets in found.items():
            aliases = keys.get(match_id) or keys.setdefault(match_id, self._aliases[strings[match_id]])
            offsets.sort()
            found_spans = tuple(map(Span._make, offsets))  # half the cost of Span(start, end) in a loop
            for key in aliases:
                spans[key] = found_spans
        return spans


def parse(texts: Iterable[str]) -> Iterator[Doc]:
    """Run the pipeline over texts in batches."""
    return pipeline().pipe(texts, batch_size=256)
