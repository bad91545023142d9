"""The annotator: lemmas and sentence starts for a batch of Docs, as spaCy's own components set them."""

from __future__ import annotations

import numpy
import pytest
import spacy

from replylint.annotator import ArrayMap
from replylint.nlp import pipeline, sentence_bounds

TEXTS = [
    "Hi Ana,\n\nYour refund is on its way. It left today! Any questions? Just reply.\n\nBest,\nLee",
    "! Hello there",
    "",
    "Wait... what?! ok then",
    "\n",
    "No stop at the end",
    "Mr. Smith said: \"It broke.\" Then he left.",
    "Thanks\n \nBye",
    "Really?",
    '"Hello there," she said',
    "?",
]


def reference(text: str) -> list[tuple[str, bool]]:
    """Tokens and sentence starts from spaCy's sentencizer, with a start after every line break."""
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    doc = nlp(text)
    after_break = {t.i + 1 for t in doc if t.is_space and "\n" in t.text}
    return [(t.text, bool(t.is_sent_start) or t.i in after_break) for t in doc]


def test_sentence_starts_match_spacys_sentencizer_within_a_batch():
    """Every Doc of a batch splits as it would alone: a "?" ending one Doc starts nothing in the next."""
    docs = list(pipeline().pipe(TEXTS, batch_size=len(TEXTS)))
    assert [[(t.text, bool(t.is_sent_start)) for t in doc] for doc in docs] == [reference(t) for t in TEXTS]


def test_sentence_bounds_are_those_of_doc_sents_within_a_batch():
    """The annotator keeps each sentence's characters, so nobody builds spaCy Spans for them."""
    texts = [*TEXTS, "Emoji 🙂 end. 你好。Next", "a" * 3000 + ". b"]
    docs = list(pipeline().pipe(texts, batch_size=4))
    assert [sentence_bounds(doc) for doc in docs] == [[(s.start_char, s.end_char) for s in doc.sents] for doc in docs]


def test_lemmas_in_a_batch_are_those_of_one_doc_alone():
    docs = list(pipeline().pipe(TEXTS * 2, batch_size=5))
    alone = [pipeline()(text) for text in TEXTS * 2]
    assert [[t.lemma_ for t in doc] for doc in docs] == [[t.lemma_ for t in doc] for doc in alone]
    assert [t.lemma_ for t in pipeline()("We refunded the Orders")] == ["we", "refund", "the", "order"]


class TinyMap(ArrayMap):
    BITS = 2  # four slots, so most keys collide


@pytest.mark.parametrize("rounds", [1, 3])
def test_array_map_answers_colliding_keys_from_their_own_values(rounds):
    calls = []

    def compute(key: int) -> int:
        calls.append(key)
        return key // 3 + 1

    lookup = TinyMap(compute)
    keys = numpy.array([4, 8, 1, 5, 4, 2**63 + 4, 3, 7], dtype="uint64")  # 4, 8, 2**63+4 share slot 0
    for _ in range(rounds):
        assert lookup(keys).tolist() == [int(k) // 3 + 1 for k in keys]
    assert sorted(calls) == sorted({int(k) for k in keys})  # each key computed once, however often asked
