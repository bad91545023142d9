"""Name helpers: normalising, folding accents and transliterations, comparing, reading signatures."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from replylint import names
from replylint.names import Match, NameRecord
from replylint.rule import load_rule

from .conftest import ROOT

TABLE = names.table_of(load_rule(ROOT / "rules" / "core" / "misspelled-name.yaml").options.transliterations)
SIGN_OFFS = ("thanks", "thank you", "regards", "kind regards", "best", "cheers")


@pytest.mark.parametrize(
    ("written", "recorded", "expected"),
    [
        ("John", "John", Match.EXACT),
        ("JOSÉ", "José", Match.EXACT),
        ("O\u2019Connor", "O'Connor", Match.EXACT),
        ("Jose\u0301", "José", Match.EXACT),
        ("Juergen", "Jürgen", Match.ACCEPTED),
        ("Soeren", "Søren", Match.ACCEPTED),
        ("Gross", "Groß", Match.ACCEPTED),
        ("Aase", "Åse", Match.ACCEPTED),
        ("Jürgen", "Juergen", Match.ACCEPTED),
        ("Müller", "Muller", Match.ADDED_MARKS),
        ("Chris", "Christopher", Match.SHORT_FORM),
        ("Jose", "José", Match.DROPPED_MARKS),
        ("Jurgen", "Jürgen", Match.DROPPED_MARKS),
        ("Soren", "Søren", Match.DROPPED_MARKS),
        ("Lukasz", "Łukasz", Match.DROPPED_MARKS),
        ("Josè", "José", Match.MISSPELLED),
        ("Jonh", "John", Match.MISSPELLED),
        ("Siobahn", "Siobhan", Match.MISSPELLED),
        ("OConnor", "O'Connor", Match.MISSPELLED),
        ("Ann", "Anne", Match.MISSPELLED),
        ("Maria", "John", Match.DIFFERENT),
    ],
)
def test_compare(written, recorded, expected):
    """Each kind of difference between a written and a recorded name word is told apart."""
    assert names.compare(written, recorded, TABLE, 0.75) == expected


def test_transliteration_table_decides_what_is_accepted():
    """Without ø -> oe in the table, "Soeren" for Søren is no longer an accepted spelling."""
    assert names.compare("Soeren", "Søren", names.table_of({}), 0.75) == Match.MISSPELLED


def test_short_forms_can_be_turned_off():
    """With short_forms=False the start of a name is judged like any other word."""
    assert names.compare("Chris", "Christopher", TABLE, 0.75, short_forms=False) == Match.DIFFERENT


def test_plain_folds_letters_without_decomposition():
    """Letters Unicode does not decompose (ł, ø, ß) still lose their marks."""
    assert names.plain("Łukasz Søren Groß Zoë") == "lukasz soren gross zoe"


def test_transliterations_lists_every_accepted_spelling():
    """Each letter with a transliteration may be written either way."""
    assert names.transliterations("jürgen groß", TABLE) == {
        "jürgen groß", "juergen groß", "jürgen gross", "juergen gross",
    }  # fmt: skip


def test_transliterations_are_capped():
    """A name full of transliterable letters does not explode into millions of variants."""
    assert len(names.transliterations("ü" * 40, TABLE)) <= 64


def test_name_parts_drop_titles_and_reorder_surname_first():
    """Titles go; "Martínez, José" is read as José Martínez; particles stay."""
    assert names.name_parts("Dr. Ana de Souza", ("dr", "mr")) == ("Ana", "de", "Souza")
    assert names.name_parts("Martínez, José") == ("José", "Martínez")


def test_given_name_is_first_name_or_title_and_surname():
    """A record with a title is greeted by title and surname, otherwise by first name."""
    assert names.given_name("Siobhan O'Connor", ("mr",)) == "Siobhan"
    assert names.given_name("Mr John Smith", ("mr",)) == "Mr Smith"
    assert names.given_name("  ", ("mr",)) is None


@pytest.mark.parametrize(
    ("complaint", "signed"),
    [
        ("It never came.\n- Bea", ("Bea",)),
        ("It never came. Thanks, Bea", ("Bea",)),
        ("It never came. Regards Giorgos Papadopoulos", ("Giorgos", "Papadopoulos")),
        ("It never came. Lars-Erik", ("Lars-Erik",)),
        ("Thank you to Nurse Jade. Bex x", ("Bex",)),
        ("It never came. Thanks, Sam xx :)", ("Sam",)),
        ("It never came. Jo \U0001f60a", ("Jo",)),
        ("Please ask for Malcolm X", ()),
        ("It never came, please refund it.", ()),
        ("It never came. Thanks!", ()),
        ("I bought it from Giorgos", ()),
        ("", ()),
    ],
)
def test_signed_names(complaint, signed):
    """The words a message is signed with are found after a line break, punctuation, a dash or a sign-off."""
    assert names.signed_names(complaint, SIGN_OFFS) == signed


def test_verdict_accepts_a_signed_nickname_and_suggests_the_closest_name():
    """A record's accepted names count as exact; a misspelling points at the closest recorded word."""
    record = NameRecord("Beatriz Lima", ("Beatriz", "Lima"), ("Bea",))
    assert record.verdict("Bea", TABLE, 0.75).match == Match.EXACT
    assert record.verdict("Lmia", TABLE, 0.75) == names.Verdict(Match.MISSPELLED, "Lima")


def test_verdict_reads_hyphenated_names_in_halves():
    """Either half of a double-barrelled name is a recorded word."""
    record = NameRecord("Henry Ashworth-Pryce", ("Henry", "Ashworth-Pryce"))
    assert record.verdict("Pryce", TABLE, 0.75).match == Match.EXACT


@given(st.text(alphabet=st.characters(categories=["L"]), min_size=1, max_size=20))
def test_a_word_is_exactly_itself(word):
    """Any word compared with itself is an exact match, and normalising is idempotent."""
    assert names.compare(word, word, TABLE, 0.75) == Match.EXACT
    assert names.normalise(names.normalise(word)) == names.normalise(word)


@given(st.text(max_size=300))
def test_signed_names_never_fails(text):
    """Any message gives a tuple of capitalised words, never an error."""
    signed = names.signed_names(text, SIGN_OFFS)
    assert all(word[0].isupper() for word in signed)
