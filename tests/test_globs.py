"""Path globs: *, ?, [...] and **, as in .gitignore."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

from replylint.globs import matches


@pytest.mark.parametrize(("glob", "name", "matched"), [
    ("[[a].txt", "[.txt", True),     # "[" inside a set is itself
    ("[[a].txt", "a.txt", True),
    ("[a&&b].txt", "&.txt", True),   # "&&" is no set intersection
    ("[a--z].txt", "m.txt", False),  # "--" is no set difference: "a", "-" or "z"
    ("[a--z].txt", "-.txt", True),
    ("[a-c].txt", "b.txt", True),    # a range
    ("[!a-c].txt", "b.txt", False),  # a negated range
    ("[!a-c].txt", "d.txt", True),
    ("[z-a].txt", "[z-a].txt", True),  # no valid set: "[" is literal
])
def test_a_set_means_its_characters_and_ranges_without_warnings(tmp_path, glob, name, matched):
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # re's FutureWarning for a nested set would be raised
        assert matches(tmp_path / name, (glob,), tmp_path) is matched


def test_a_folder_glob_matches_everything_under_it(tmp_path):
    assert matches(tmp_path / "macros" / "a" / "b.txt", ("macros/",), tmp_path)
    assert not matches(Path(tmp_path / "other.txt"), ("macros/",), tmp_path)
