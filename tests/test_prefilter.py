"""Regex prefilters: a search is skipped only when it certainly finds nothing."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from replylint import complaint, prefilter, regexes
from replylint.config import load_config
from replylint.document import fold
from replylint.prefilter import candidates, lowered, may_match, required

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


@pytest.fixture(autouse=True, scope="module")
def rebuild_at_once():
    """Rebuild the automaton on the first ask that finds it out of date, so that these tests check the
    automaton rather than the substring tests that stand in while it is due to be rebuilt."""
    default = prefilter._Strings.STALE_ASKS
    prefilter._Strings.STALE_ASKS = 1
    yield
    prefilter._Strings.STALE_ASKS = default


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


def test_a_rules_regexes_are_candidates_wherever_one_matches():
    """candidates() leaves out a rule's whole tuple only where none of its regexes matches."""
    groups = [r.options.regex for r in load_config().rules if len(getattr(r.options, "regex", ())) > 1]
    texts = [(text, lowered(text)) for text in corpus_texts()[:3000]]
    skipped = 0
    for group in groups:
        candidates(group, texts[0][1])
        candidates(group, texts[0][1])  # the second use works out each regex's needs, then the group's
        for text, lower in texts:
            found = candidates(group, lower)
            assert found == [p for p in group if may_match(p, lower)] or found == []
            assert set(found) >= {p for p in group if p.search(text)}, (text, group)
            skipped += not found
    assert skipped > len(groups) * len(texts) / 2  # the whole tuple is skipped on most texts


def test_a_regex_without_a_need_keeps_its_group_searched():
    """One regex every text may match ("\\w+") means the group's other needs skip nothing."""
    group = (regexes.Pattern("refund", regexes.IGNORECASE, None, None), regexes.Pattern(r"\w+", 0, None, None))
    for _ in range(2):
        candidates(group, lowered("hello"))
    assert candidates(group, lowered("hello")) == [group[1]]
    assert candidates(group, lowered("a refund")) == list(group)


def test_an_index_of_rule_tuples_leaves_out_only_those_that_cannot_match():
    """Index.may_match() leaves out a rule's tuple only where none of its regexes matches, and most
    tuples on most texts; it tells nothing on its first use, as a pattern is not parsed on its first."""
    tuples = [r.options.regex for r in load_config().rules if getattr(r.options, "regex", ())]
    tuples.append((regexes.Pattern(r"\w+", 0),))  # no need: never left out
    tuples.append(())  # nothing to match: always left out
    index = prefilter.Index(tuples)
    texts = [(text, lowered(text)) for text in corpus_texts()[:1500]]
    assert index.may_match(texts[0][1]) is None
    left_out = 0
    for text, lower in texts:
        positions = index.may_match(lower)
        if lower is None:
            assert positions is None
            continue
        assert len(tuples) - 2 in positions and len(tuples) - 1 not in positions
        for position in set(range(len(tuples))) - positions:
            assert not any(regex.search(text) for regex in tuples[position]), (text, tuples[position])
        left_out += len(tuples) - len(positions)
    assert left_out > len(tuples) * len(texts) * 3 / 4


def test_most_builtin_regexes_have_a_prefilter():
    """Most built-in regexes need a rare enough word to skip the search on most replies."""
    patterns = rule_patterns()
    without = [p.pattern for p in patterns if required(p.pattern) is None]
    assert len(without) < len(patterns) // 2, without


def test_required_strings():
    """Exact words multiply along a sequence; each need kept is cheap to test for its rarity."""
    assert required(r"\b(our|company) policy\b") == (("company policy", "our policy"),)
    assert required(r"\b(please )?(fix|sort) (this|it)\b") == (("fix", "sort"),)
    # A reply holds one of " am ", " are ", "'m ", "'re " three times in four, as if each came on its own
    # (their shares add up past one): worth testing where " to blame" is found.
    assert required(r"\b(we|I)('re| are| am|'m) (entirely |solely )?to blame") == (
        (" to blame",), (" am ", " are ", "'m ", "'re "),
    )
    assert required(r"(?i)HELLO there") == (("hello there",),)
    assert required(r"\d+ days?") == ((" day",),)
    assert required(r"[Ss]orry(?! not)") == (("sorry",),)
    assert required(r"[ab]cde?") == (("acd", "bcd"),)
    for nothing in (r"a|bc", r"(abc)?", r"x*", r"\d+", r"(a+)+$", r"[a-c]d?", r"\bthe\b", r"[ab]cd?"):
        assert required(nothing) is None, nothing


def test_every_need_must_be_met():
    """A match holds a string of each need: a text with "your" but no "fault" or "mistake" is skipped."""
    assert required(r"\byour (own )?(fault|mistake)\b") == (("fault", "mistake"), ("your ",))
    # Each branch gives one string, or its exact set, to each need.
    pattern = regexes.Pattern(r"\byour (own )?(fault|mistake)\b|\bwith your (order|parcel)\b", regexes.IGNORECASE)
    assert required(pattern.pattern) == (("fault", "mistake", "with your order", "with your parcel"), ("your ",))
    assert may_match(pattern, lowered("first use"))  # no prefilter yet
    assert not may_match(pattern, lowered("it was your choice to wait"))
    assert not may_match(pattern, lowered("the fault was ours"))
    assert may_match(pattern, lowered("it was your fault"))
    assert may_match(pattern, lowered("a problem with your order"))
    assert required(r"(?x) calm \s down") == (("calm",), ("down",))


def test_two_letters_at_an_open_end_are_a_piece_of_a_word():
    """ "sa" of "(say|said)" is in most texts, though "sa" is a rare word; "on" before "your behalf" is
    no matter: a need is as rare as its rarest whole word."""
    assert required(r"\b(say|said)\b") == (("said", "say"),)  # one reply in five holds neither
    assert required(r"\bon your behalf\b") == (("on your behalf",),)


def test_a_lookaround_needs_what_it_looks_at():
    """A lookbehind takes nothing from the match, but what it sees is in the text: a need of its own."""
    assert required(r"(?-i:you)(?:(?<=if you)|(?<=had you)) (read|sent)") == (
        ("you read", "you sent"), ("had you", "if you"),
    )
    assert required(r"policy(?!makers)") == (("policy",),)


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


def test_a_text_is_scanned_again_for_strings_added_after_it_was_scanned():
    """The automaton finds the strings asked for so far; a pattern parsed later adds its own."""
    text = lowered("the parcel came back to the depot")
    early = regexes.Pattern(r"\brefund(ed)?\b", regexes.IGNORECASE)
    may_match(early, text)
    assert not may_match(early, text)
    late = regexes.Pattern(r"\bback to the depot\b", regexes.IGNORECASE)
    may_match(late, text)
    assert may_match(late, text)
    assert not may_match(early, text)


def test_past_the_limit_each_string_is_tested_on_its_own(monkeypatch):
    """A service fed ever new regexes stops growing the automaton and tests strings one by one."""
    strings = prefilter._Strings()
    monkeypatch.setattr(prefilter, "_strings", strings)
    monkeypatch.setattr(strings, "LIMIT", 3)
    text = lowered("we shipped the replacement today")
    first = regexes.Pattern(r"\breplacement\b", regexes.IGNORECASE)
    many = regexes.Pattern(r"\b(parcel|courier|depot|warehouse) (lost|late)\b", regexes.IGNORECASE)
    for pattern in (first, many):
        may_match(pattern, text)
    assert may_match(first, text)
    assert not may_match(many, text)
    assert strings.full
    assert may_match(many, lowered("the courier lost it"))


def test_while_the_automaton_is_out_of_date_each_string_is_tested(monkeypatch):
    """Strings added, and the automaton not yet rebuilt: the text is tested string by string."""
    strings = prefilter._Strings()
    monkeypatch.setattr(prefilter, "_strings", strings)
    monkeypatch.setattr(strings, "STALE_ASKS", 3)
    pattern = regexes.Pattern(r"\bout of stock\b", regexes.IGNORECASE)
    texts = [lowered("sadly it is out of stock"), lowered("it ships today"), lowered("out of stock again")]
    may_match(pattern, texts[0])
    assert [may_match(pattern, text) for text in texts] == [True, False, True]
    assert strings._built[0] == strings.version  # the third ask rebuilt it
    assert [may_match(pattern, text) for text in texts] == [True, False, True]


def test_threads_sharing_the_automaton_never_skip_a_match():
    """Server threads add strings and scan texts at once: a search is never skipped where it matches."""
    words = [f"zq{n:03d}x" for n in range(120)]
    patterns = [regexes.Pattern(rf"\b{word} (late|lost)\b", regexes.IGNORECASE) for word in words]
    misses = []

    def work(offset: int) -> None:
        for index in range(offset, len(words), 4):
            text = lowered(f"the {words[index]} late parcel")
            for _ in range(2):  # the second use is filtered
                if not may_match(patterns[index], text):
                    misses.append(words[index])

    threads = [threading.Thread(target=work, args=(offset,)) for offset in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert misses == []


def test_a_string_is_published_after_the_version_that_holds_it():
    """A thread that finds a string already added adds nothing and trusts a scan of the current version:
    a string seen before its version is bumped would let it skip a regex that may match."""
    seen_at: list[int] = []

    class Watched(prefilter._Strings):
        def __setattr__(self, name, value):  # each step of add() that another thread could observe
            super().__setattr__(name, value)
            if "zq late" in getattr(self, "_words", ()):
                seen_at.append(self.version)

    strings = Watched()
    strings.add((("zq late",),))
    assert seen_at and set(seen_at) == {1}, seen_at  # never seen at version 0, before it was added


def test_a_pattern_is_parsed_only_when_used_again():
    """The first search of a pattern runs without a prefilter: a one-draft hook never parses it."""
    pattern = regexes.Pattern("refund", regexes.IGNORECASE, None, None)
    assert may_match(pattern, lowered("no match here"))
    assert not may_match(pattern, lowered("no match here"))
    assert may_match(pattern, lowered("a refund"))


ATOMS = st.sampled_from([
    "policy", "Policy", "sorry", "we", "can't", "refund", "ok", "!!", " ", "-", r"\b", r"\w+", r"\d", ".",
    "[sS]", "[^a]", "(?=ok)", "(?!we)", "(?<=we )", "(?i:SORRY)", "(?-i:we)", "^", "$",
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
        for need in needed:
            assert any(word in lower.text for word in need), (source, text, needed)
        may_match(pattern, lower)  # the first use: searched without a prefilter
        assert may_match(pattern, lower), (source, text, needed)
