"""The shared pipeline: case-insensitive lemmas, line breaks as sentence breaks, folded contractions."""

from __future__ import annotations

import itertools

from replylint.nlp import (
    _COMPONENT,
    PhraseIndex,
    PhraseList,
    TokenPattern,
    _BoundedTokenizer,
    _SeededTokenizer,
    _spaced_often,
    pipeline,
)


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


def _spy_tokenizer(calls: list[str]):
    """A fresh spaCy English tokenizer that records each chunk it splits afresh (not from its cache)."""
    import spacy

    spacy_tokenizer = spacy.blank("en").tokenizer
    search = spacy_tokenizer.prefix_search
    spacy_tokenizer.prefix_search = lambda text: calls.append(text) or search(text)
    return spacy_tokenizer


def _tokens(doc):
    return [(t.text, t.norm_, t.idx, t.whitespace_) for t in doc]


def test_seeded_tokenizer_caches_chunks_after_a_special_case():
    """spaCy leaves "sorry," uncached after "I'm" in the same text; seeded, the next reply finds it cached."""
    calls: list[str] = []
    seeded = _SeededTokenizer(_BoundedTokenizer(_spy_tokenizer(calls)))
    seeded("I'm sorry, truly.")
    calls.clear()
    seeded("We're sorry, truly.")
    assert "sorry," not in calls and "truly." not in calls


def test_seeded_tokens_are_spacys_tokens():
    """Seeding only fills the cache: text, norm, offset and spacing are what spaCy alone gives."""
    import spacy

    plain = spacy.blank("en").tokenizer
    seeded = _SeededTokenizer(_BoundedTokenizer(spacy.blank("en").tokenizer))
    texts = [
        "I'm sorry, truly. Don't worry: we'll refund £4.50 (order #A-1234) today!",
        "Hi Siobhan,\n\nwe can't... it's 9 a.m. — e.g. https://help.example.com/x?y=1 :) don't.",
        "sorry, truly. don't. I'm  sorry\tagain\n",
    ]
    for _ in range(2):  # the second round reads every chunk from the cache
        for text in texts:
            assert _tokens(seeded(text)) == _tokens(plain(text))


def test_seeded_tokenizer_starts_afresh_past_its_limit(monkeypatch):
    """A server that sees endless new chunks (order numbers, names) keeps at most LIMIT of them."""
    import spacy

    monkeypatch.setattr(_SeededTokenizer, "LIMIT", 8)
    seeded = _SeededTokenizer(_BoundedTokenizer(spacy.blank("en").tokenizer))
    sizes = []
    for n in range(20):
        text = f"order {n}00 of {n}1 was sent"
        assert [t.text for t in seeded(text)] == text.split()
        sizes.append(len(seeded._seen))
    assert max(sizes) <= 8
    assert any(later < size for size, later in itertools.pairwise(sizes))  # started afresh


def test_seeded_tokenizer_splits_long_runs_as_the_bounded_one():
    """Seeding never changes tokens: long runs, their 256/257 edges, any kind of space."""
    import spacy

    bounded = _BoundedTokenizer(spacy.blank("en").tokenizer)
    seeded = _SeededTokenizer(_BoundedTokenizer(spacy.blank("en").tokenizer))
    run = "(" * 300 + "x!"
    texts = [
        f"Hi {run} there",
        "word " * 80,  # long, but no long run
        "a" * 257,
        "a" * 256 + " b",
        *(f"{'b' * 200}{space}{'c' * 200}" for space in (" ", "\u00a0", "\u2003", "\x1c", "\u3000", "\n")),
    ]
    for text in texts:
        assert _tokens(seeded(text)) == _tokens(bounded(text))


TRICKY_TEXTS = [
    "I don't know, I'm sure we can't. DON'T! (don't) 'don't' I'm, can't.",
    "We don’t, I’m sure you can’t… ‘quoted’ “double” it’s ours’",
    "Thanks 🙂🙂 so much!👍🏽 👨‍👩‍👧 :) :-( <3 ^_^",
    "See https://help.example.com/a/b?x=1&y=2#top, or www.example.co.uk/path. (http://x.io)",
    "Mail ana.o'connor+orders@example.co.uk or <support@shop.com>.",
    "Open 9 a.m. to 5 p.m., e.g. Mon.–Fri., i.e. not Sat. etc. U.S. vs. U.K.",
    "£1,299.99 or $5, €3.50, 10% off, 1/2, 3-4 days, #A-1234, 2nd, 1.5kg, -7, +44 20 7946 0958",
    "[brackets] {braces} (parens) «guillemets» [[nested (x)]] (sorry!)",
    "two  spaces,   three,\ttab\t\there\nnew\n\nlines \r\n crlf  ",
    "non\u00a0breaking\u00a0space, em\u2003space, ideographic\u3000space, \u00a0 mixed \u00a0",
    "x" * 3000,
    "x" * 3000 + " after a long word, and (" * 3 + "y" * 3000 + ")",
    " leading space",
    "trailing space ",
    "",
    "\n",
    "I'm",
]


def _full_tokens(doc):
    """Everything a check reads from a token: text, offsets, spacing, norm, lexical flags, lemma, sentences."""
    return [
        (t.text, t.idx, t.whitespace_, t.norm_, t.lower_, t.shape_, t.is_alpha, t.is_punct, t.is_space)
        + (t.like_num, t.like_url, t.like_email, t.lemma_, t.is_sent_start)
        for t in doc
    ]


def test_pipeline_tokens_are_those_of_plain_spacy():
    """Seeding gives spaCy's own tokens and annotations on tricky texts, cached or not (long runs in pieces)."""
    import spacy

    nlp = pipeline()
    plain = spacy.blank("en")
    plain.tokenizer = _BoundedTokenizer(plain.tokenizer)  # spaCy's own tokenizer but on runs of 257+ characters
    plain.add_pipe(_COMPONENT)
    for round_texts in (TRICKY_TEXTS, TRICKY_TEXTS[::-1], [" ".join(TRICKY_TEXTS)]):  # later rounds: cached
        for text in round_texts:
            assert _full_tokens(nlp(text)) == _full_tokens(plain(text)), text


def test_spaced_often_never_misses_a_long_run():
    """_spaced_often says "no long run" only when the regex finds none, whatever the run's place and spaces."""
    import random
    import re

    run = 8
    long_run = re.compile(rf"\S{{{run + 1},}}")
    rng = random.Random(7)
    for _ in range(5000):
        characters = (rng.choice("ab  \n\u00a0") if rng.random() < 0.5 else "x" for _ in range(rng.randrange(40)))
        text = "".join(characters)
        if _spaced_often(text, run):
            assert not long_run.search(text), text
    assert _spaced_often("a b " * 200, 256)
    assert not _spaced_often("a" * 257, 256)
    assert not _spaced_often("b " * 100 + "a" * 257 + " b" * 100, 256)


def _matcher_spans(phrase_lists: list[PhraseList], doc) -> dict:
    """The spans spaCy's own matchers give, by key, sorted: what PhraseIndex.find must return."""
    from spacy.matcher import Matcher, PhraseMatcher

    nlp = pipeline()
    found: dict[str, list] = {}
    for phrase_list in phrase_lists:
        if phrase_list.lemma:
            matcher = PhraseMatcher(nlp.vocab, attr="LEMMA")
            matcher.add(phrase_list.key, list(nlp.pipe(phrase_list.phrases)))
        else:
            matcher = PhraseMatcher(nlp.vocab, attr="NORM")
            matcher.add(phrase_list.key, [nlp.make_doc(p) for p in phrase_list.phrases])
        matchers = [matcher]
        if phrase_list.patterns:
            matchers.append(Matcher(nlp.vocab))
            matchers[-1].add(phrase_list.key, [list(p) for p in phrase_list.patterns])
        for each in matchers:
            for _, start, end in each(doc) if len(each) else ():
                found.setdefault(phrase_list.key, []).append((doc[start:end].start_char, doc[start:end].end_char))
    return {key: sorted(spans) for key, spans in found.items()}


def test_found_spans_are_those_of_spacys_matchers():
    """find gives the spans spaCy's own matchers give (contractions, emoji, overlaps), token patterns included."""
    phrase_lists = [
        PhraseList("norm", ("we do not", "sorry", "sorry sorry", "do not", "can not", "a.m.")),
        PhraseList("lemma", ("apologise", "refund the order", "be sorry"), lemma=True),
        PhraseList("pattern", patterns=(TokenPattern([{"LOWER": "sorry"}, {"IS_PUNCT": True}]),)),
    ]
    index = PhraseIndex(phrase_lists)
    texts = [
        "",
        " ",
        "We don't. We don’t. WE DO NOT. can't CANNOT",
        "sorry sorry sorry! 🙂 sorry, I'm sorry.\n\nSorry🙂sorry",
        "I apologised; we refunded the orders at 9 a.m. — sorry…",
        "(sorry) [sorry] «sorry» sorry'sorry",
    ]
    for doc in pipeline().pipe(texts):
        found = {key: [(s.start, s.end) for s in spans] for key, spans in index.find(doc).items()}
        assert found == _matcher_spans(phrase_lists, doc)
