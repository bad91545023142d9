"""Regex prefilters: a search is skipped only when it certainly finds nothing."""

from __future__ import annotations

import json
from pathlib import Path

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from replylint import complaint, regexes
from replylint.config import load_config
from replylint.document import fold
from replylint.prefilter import lowered, may_match, required

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def rule_patterns() -> list[regexes.Pattern]:
    found = list(complaint.lexicon().regex)
    for rule in load_config().rules:
        for name in ("regex", "unless"):
            found.extend(getattr(rule.options, name, None) or ())
    return found


def corpus_texts() -> list[str]:
    texts = []
    for file in sorted(CORPUS.glob("*/*.jsonl")):
        for line in file.read_text(encoding="utf-8").splitlines():
            if line.strip():
                case = json.loads(line)
                texts.extend(fold(case[key]) for key in ("reply", "complaint") if case.get(key))
    return texts


def test_builtin_regexes_are_never_skipped_where_they_match():
    """Every built-in regex that matches a corpus text passes its prefilter there."""
    texts = [(text, lowered(text)) for text in corpus_texts()]
    for pattern in rule_patterns():
        for text, lower in texts:
            if pattern.search(text):
                assert may_match(pattern, lower), (pattern.pattern, text)


def test_most_builtin_regexes_have_a_prefilter():
    """Most built-in regexes need a rare enough word to skip the search on most replies."""
    patterns = rule_patterns()
    without = [p.pattern for p in patterns if required(p.pattern) is None]
    assert len(without) < len(patterns) // 2, without


def test_required_strings():
    """Exact words multiply along a sequence; the need kept is the cheapest to test for its rarity."""
    assert required(r"\b(our|company) policy\b") == (" policy",)
    assert required(r"\b(please )?(fix|sort) (this|it)\b") == ("fix", "sort")
    assert required(r"\b(we|I)('re| are| am|'m) (entirely |solely )?to blame") == (" to blame",)
    assert required(r"(?x) calm \s down") == ("calm",)
    assert required(r"(?i)HELLO there") == ("hello there",)
    assert required(r"\d+ days?") == (" day",)
    assert required(r"[Ss]orry(?! not)") == ("sorry",)
    assert required(r"[ab]cd?") == ("ac", "bc")
    for nothing in (r"a|bc", r"(abc)?", r"x*", r"\d+", r"(a+)+$", r"[a-c]d?", r"\bthe\b"):
        assert required(nothing) is None, nothing


def test_syntax_only_regex_knows_turns_the_prefilter_off():
    """Fuzzy matching, \\p{..} and nested sets are read by `regex` alone: no prefilter."""
    for pattern in (r"(?:refund){e<=1}", r"\p{Lu}policy", r"[[a-z]--[aeiou]]policy", r"\L<words>"):
        assert required(pattern) is None, pattern


def test_unsafe_characters_disable_the_prefilter():
    """Long s and Turkish i match ASCII letters ignoring case but lowercase to something else."""
    pattern = regexes.Pattern("sorry", regexes.IGNORECASE, None, None)
    for text in ("I am \u017forry", "DIS\u0130S", "\u0131t"):
        assert lowered(text) is None
        assert may_match(pattern, lowered(text))
    assert pattern.search("I am \u017forry")
    assert may_match(pattern, lowered("I am happy"))  # first use: no prefilter yet
    assert not may_match(pattern, lowered("I am happy"))


def test_a_pattern_is_parsed_only_when_used_again():
    """The first search of a pattern runs without a prefilter: a one-draft hook never parses it."""
    pattern = regexes.Pattern("refund", regexes.IGNORECASE, None, None)
    assert may_match(pattern, "no match here")
    assert not may_match(pattern, "no match here")
    assert may_match(pattern, "a refund")


ATOMS = st.sampled_from([
    "policy", "Policy", "sorry", "we", "can't", "refund", "ok", "!!", " ", "-", r"\b", r"\w+", r"\d", ".",
    "[sS]", "[^a]", "(?=ok)", "(?!we)", "(?i:SORRY)", "(?-i:we)", "^", "$",
])
QUANTIFIERS = st.sampled_from(["", "", "?", "+", "*", "{2}", "{1,2}", "{0,2}"])


@st.composite
def patterns(draw, depth=2):
    """Sequences of atoms and groups of alternatives, each with a quantifier."""
    parts = []
    for _ in range(draw(st.integers(1, 4))):
        if depth and draw(st.booleans()):
            branches = draw(st.lists(patterns(depth=depth - 1), min_size=1, max_size=3))
            atom = "(" + "|".join(branches) + ")"
        else:
            atom = draw(ATOMS)
            syntax = atom.startswith(("\\", "[", "(", "^", "$", "."))
            atom = atom if atom in ("^", "$", r"\b") else "(?:" + (atom if syntax else regex.escape(atom)) + ")"
        quantifier = draw(QUANTIFIERS)
        parts.append(atom + ("" if atom in ("^", "$", r"\b") else quantifier))
    return "".join(parts)


TEXT = st.lists(
    st.sampled_from(["policy", "POLICY", "sorry", "SoRRY", "we can't", "refund", "ok", "!!", " ", "x", "12",
                     "\u017forry", "WE", "-", "\n"]),
    max_size=12,
).map("".join)


@settings(max_examples=600, deadline=None)
@given(source=patterns(), text=TEXT)
def test_generated_patterns_are_never_skipped_where_they_match(source, text):
    """For patterns built of groups, alternatives, classes, lookarounds and quantifiers: a match needs one string."""
    pattern = regexes.Pattern(source, regexes.IGNORECASE, None, None)
    needed = required(source)
    lower = lowered(text)
    if needed is None or lower is None:
        return
    try:
        found = pattern.search(text)
    except regexes.RegexTimeout:  # nested quantifiers can backtrack for ever: nothing to compare
        return
    if found:
        assert any(word in lower for word in needed), (source, text, needed)
