"""asking: where a customer's message strings one question on another."""

from __future__ import annotations

import pytest

from replylint import asking
from replylint.keyterms import Sentence
from replylint.model import Span

OPENINGS = ("how", "why", "what is", "can you", "is it", "will i", "whether")


def split(text: str) -> list[str]:
    sentence = Sentence(Span(0, len(text)), text, (), ())
    _, breaks = asking.interrogatives(OPENINGS)
    return [text[clause.start : clause.end] for clause, _ in asking.clauses(sentence, breaks)]


@pytest.mark.parametrize(("text", "clauses"), [
    ("Why was I charged; how do I stop it?", ["Why was I charged", "how do I stop it?"]),
    ("Two things: how long, and what is the fee?", ["Two things", "how long", "what is the fee?"]),
    ("Is it fixable,\tor will I need a new frame?", ["Is it fixable", "will I need a new frame?"]),
    ("Why X, how Y, and why Z?", ["Why X", "how Y", "why Z?"]),
    ("I want a refund, how is that done?", ["I want a refund, how is that done?"]),
    ("Can you help AND HOW soon?", ["Can you help", "HOW soon?"]),
    ("Please tell me whether it ships", ["Please tell me whether it ships"]),
])
def test_every_kind_of_join_still_splits_after_the_cheap_first_test(text, clauses):
    """The breaks pattern opens with a lookahead for [;:,\\s]: no join it splits at starts otherwise."""
    assert split(text) == clauses
