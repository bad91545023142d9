"""The shared pipeline: case-insensitive lemmas, line breaks as sentence breaks, folded contractions."""

from __future__ import annotations

from replylint.nlp import PhraseIndex, PhraseList, pipeline


def test_lemmas_ignore_case():
    """Sentence-initial "Refunded" lemmatizes like "refunded"."""
    doc = pipeline()("Refunded. We refunded it. APOLOGIES")
    assert [t.lemma_ for t in doc if t.is_alpha] == ["refund", "we", "refund", "it", "apology"]


def test_every_line_break_starts_a_sentence():
    """Greeting, body and sign-off are separate sentences even without full stops."""
    doc = pipeline()("Hi Ana\nThanks for writing\n\nBest\nLee")
    assert [s.text.strip() for s in doc.sents] == ["Hi Ana", "Thanks for writing", "Best", "Lee"]


def test_phrases_match_contractions_and_curly_apostrophes():
    """A phrase written "do not" finds "don't", "don’t" and "DO NOT"."""
    index = PhraseIndex([PhraseList("k", ("we do not",))])
    text = "We don't. We don’t. WE DO NOT."
    spans = index.find(pipeline()(text))["k"]
    assert [text[s.start : s.end] for s in spans] == ["We don't", "We don’t", "WE DO NOT"]


def test_lemma_phrases_match_inflections():
    """With lemma matching, "apologise" also finds "apologised" and "apologises"."""
    index = PhraseIndex([PhraseList("k", ("apologise",), lemma=True)])
    text = "I apologised. She apologises."
    assert [text[s.start : s.end] for s in index.find(pipeline()(text))["k"]] == ["apologised", "apologises"]
