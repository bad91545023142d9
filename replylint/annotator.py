"""Lemmas and sentences for a batch of Docs at once, in array passes over all their tokens.

Token by token in Python (spaCy's sentencizer, then a lemma loop) this cost a sixth of linting a
draft: every `for token in doc` builds a Token object. Here each Doc is read and written once, as an
array, and the lookups run over the whole batch.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING

import numpy

from .nlp import SENTENCES

if TYPE_CHECKING:
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

AMBIGUOUS = frozenset({"'s", "’s"})  # clitics whose lemma needs a tagger to decide
# What a token is to sentence splitting: sentence-final punctuation, other punctuation, a line break.
_WORD, _STOP, _PUNCT, _LINE_BREAK = 0, 1, 2, 3
_NOT_A_START = numpy.uint64(2**64 - 1)  # SENT_START -1, as a Doc array holds it


class ArrayMap:
    """A uint64 -> uint64 function (a spaCy hash to a value) applied to whole arrays: a direct-mapped
    cache in two arrays answers most keys in one vector pass; the rest are computed once and kept."""

    BITS = 16

    def __init__(self, compute: Callable[[int], int]):
        self.compute = compute
        slots = numpy.arange(1 << self.BITS, dtype="uint64")
        self.mask = numpy.uint64((1 << self.BITS) - 1)
        # An empty slot holds slot + 1, a key that never lands in it, so it never answers a lookup.
        self.keys = slots + numpy.uint64(1)
        self.values = numpy.zeros_like(slots)
        self.known: dict[int, int] = {}  # every key computed, the cache's collisions included

    def __call__(self, keys: numpy.ndarray) -> numpy.ndarray:
        slots = (keys & self.mask).astype(numpy.intp)
        # Keys read before values, and a slot's value written before its key: a thread that finds a
        # key another thread is just storing also finds its value.
        cached = self.keys[slots]
        values = self.values[slots]
        for i in numpy.flatnonzero(cached != keys).tolist():
            key = int(keys[i])
            value = self.known.get(key)
            if value is None:
                value = self.known[key] = self.compute(key)
                slot = int(slots[i])
                if self.keys[slot] == slot + 1:
                    self.values[slot] = value
                    self.keys[slot] = key
            values[i] = value
        return values


class Annotator:
    """The pipeline component: lemma from the lookup table, sentence starts as spaCy's sentencizer
    puts them, and a start after every line break (greetings, bullets and sign-offs have no full stop)."""

    def __init__(self, vocab: Vocab, lemma_table: dict[str, str], stops: Iterable[str]):
        strings = vocab.strings
        stops = frozenset(stops)

        def lemma(norm: int) -> int:
            # The table is keyed on lowercase, so look up the norm: "Refunded" as "refunded", and
            # contractions spelled out ("ca" of "can’t" as "can", "n’t" as "not"). Without a tagger
            # "'s" may be "is", "has" or a possessive: keep it as written.
            text = strings[norm]
            return strings.add(text if text in AMBIGUOUS else lemma_table.get(text, text))

        def kind(orth: int) -> int:
            lexeme = vocab[orth]
            if lexeme.orth_ in stops:
                return _STOP
            if lexeme.is_punct:
                return _PUNCT
            return _LINE_BREAK if lexeme.is_space and "\n" in lexeme.orth_ else _WORD

        self._lemma = ArrayMap(lemma)
        self._kind = ArrayMap(kind)
        self._length = ArrayMap(lambda orth: len(strings[orth]))

    def __call__(self, doc: Doc) -> Doc:
        return next(self.pipe([doc]))

    def pipe(self, docs: Iterable[Doc], batch_size: int = 256) -> Iterator[Doc]:
        batch: list[Doc] = []
        for doc in docs:
            batch.append(doc)
            if len(batch) == batch_size:
                yield from self._annotate(batch)
                batch = []
        yield from self._annotate(batch)

    def _annotate(self, docs: list[Doc]) -> list[Doc]:
        from spacy.attrs import IDX, LEMMA, NORM, ORTH, SENT_START

        filled = [doc for doc in docs if len(doc)]
        if not filled:
            return docs
        tokens = numpy.concatenate([doc.to_array([NORM, ORTH, IDX]) for doc in filled])
        firsts = numpy.cumsum([0] + [len(doc) for doc in filled[:-1]])
        which_doc = numpy.zeros(len(tokens), dtype=numpy.intp)
        which_doc[firsts[1:]] = 1
        which_doc = numpy.cumsum(which_doc)
        kinds = self._kind(tokens[:, 1])
        starts = numpy.full(len(tokens), _NOT_A_START, dtype="uint64")
        # The sentencizer's rule: a sentence starts at the first word after sentence-final punctuation,
        # that is a word whose nearest stop-or-word before it, in its own Doc, is a stop.
        stop, word = kinds == _STOP, (kinds == _WORD) | (kinds == _LINE_BREAK)
        events = numpy.flatnonzero(stop | word)
        before, after = events[:-1], events[1:]
        starts[after[word[after] & stop[before] & (which_doc[after] == which_doc[before])]] = 1
        starts[numpy.flatnonzero(kinds[:-1] == _LINE_BREAK) + 1] = 1  # a Doc's last: the next Doc's first
        starts[firsts] = 1
        values = numpy.stack([self._lemma(tokens[:, 0]), starts], axis=1)
        for doc, first in zip(filled, firsts.tolist()):
            doc.from_array([LEMMA, SENT_START], values[first : first + len(doc)])
        self._store_sentences(filled, firsts, tokens, starts)
        return docs

    def _store_sentences(
        self, docs: list[Doc], firsts: numpy.ndarray, tokens: numpy.ndarray, starts: numpy.ndarray
    ) -> None:
        """Keep each sentence's start and end character in its Doc: a spaCy Span for each, as Doc.sents
        makes them, cost a draft 15 µs. A sentence ends where the next starts (a Doc's first token starts one)."""
        first_tokens = numpy.flatnonzero(starts == 1)
        last_tokens = numpy.append(first_tokens[1:], len(tokens)) - 1
        begins = tokens[first_tokens, 2]
        ends = tokens[last_tokens, 2] + self._length(tokens[last_tokens, 1])
        bounds = list(zip(begins.tolist(), ends.tolist()))
        cuts = [*numpy.searchsorted(first_tokens, firsts).tolist(), len(bounds)]
        for doc, first, end in zip(docs, cuts, cuts[1:]):
            doc.user_data[SENTENCES] = bounds[first:end]
