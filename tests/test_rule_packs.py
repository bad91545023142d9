"""Hygiene of the built-in pack: every rule loads, ids are unique, documentation is complete."""

from __future__ import annotations

import dataclasses

import pytest

from replylint.model import CATEGORIES
from replylint.packs import builtin_dir, load_packs, rule_files

RULES = load_packs([builtin_dir()])


def test_every_rule_file_loads_once():
    """Each YAML file under rules/ becomes exactly one rule, with a unique id."""
    assert len(RULES) == len(rule_files(builtin_dir()))
    assert len({rule.id for rule in RULES}) == len(RULES)


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_rule_is_documented(rule):
    """A rule has a valid category, a description, a why, and fail and pass examples."""
    assert rule.category in CATEGORIES
    assert rule.description and rule.why and rule.message
    assert rule.fail and rule.passes


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_phrase_lists_have_no_duplicates(rule):
    """No option list repeats a phrase (ignoring case)."""
    for field in dataclasses.fields(rule.options):
        value = getattr(rule.options, field.name)
        if isinstance(value, tuple) and value and all(isinstance(v, str) for v in value):
            lowered = [v.lower().strip() for v in value]
            duplicates = sorted({v for v in lowered if lowered.count(v) > 1})
            assert not duplicates, f"{rule.id}: {field.name} repeats {duplicates}"


def test_every_category_is_covered_at_most_by_known_ids():
    """Rules use only the ten public category ids."""
    assert {rule.category for rule in RULES} <= set(CATEGORIES)
