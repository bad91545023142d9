"""The labelled corpus itself: it parses, its labels are valid, and it has the shape the issue sets."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from replylint.model import CATEGORIES

CORPUS = Path(__file__).parent.parent / "corpus"
KEYS = {"id", "complaint", "customer", "reply", "expect", "why"}


def load(split: str) -> list[dict]:
    cases = []
    for path in sorted((CORPUS / split).glob("*.jsonl")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            case = json.loads(line)
            case["_where"] = f"{path.name}:{number}"
            cases.append(case)
    return cases


DEV, HOLDOUT = load("dev"), load("holdout")
ALL = DEV + HOLDOUT
BAD = [case for case in ALL if case["expect"]]
CLEAN = [case for case in ALL if not case["expect"]]


@pytest.mark.parametrize("case", ALL, ids=lambda c: c["_where"])
def test_case_is_well_formed(case):
    """Each case has exactly the documented keys, valid distinct labels, a name, and realistic lengths."""
    assert set(case) - {"_where"} == KEYS
    assert all(label in CATEGORIES for label in case["expect"])
    assert len(set(case["expect"])) == len(case["expect"])
    assert isinstance(case["customer"], dict) and case["customer"].get("name")
    assert 5 <= len(case["complaint"].split()) <= 150  # "Do you deliver on Sundays in Glasgow?" is real
    assert 15 <= len(case["reply"].split()) <= 220
    assert case["why"].strip()


def test_ids_are_unique():
    """No id appears twice across dev and holdout."""
    repeated = [i for i, n in Counter(c["id"] for c in ALL).items() if n > 1]
    assert not repeated


def test_size_and_split():
    """At least 400 cases, at least 30 % of them held out."""
    assert len(ALL) >= 400
    assert len(HOLDOUT) / len(ALL) >= 0.30


def test_clean_cases_and_hard_negatives():
    """At least 45 % of the cases are clean, and at least half of those are hard negatives."""
    assert len(CLEAN) / len(ALL) >= 0.45
    hard = [c for c in CLEAN if "hard negative" in c["why"].lower()]
    assert len(hard) >= len(CLEAN) / 2


def test_every_category_has_enough_positives():
    """Every category has at least 25 positive cases, and the holdout has some of each."""
    overall = Counter(label for case in BAD for label in case["expect"])
    held = Counter(label for case in HOLDOUT for label in case["expect"])
    assert {c: overall[c] for c in CATEGORIES if overall[c] < 25} == {}
    assert {c: held[c] for c in CATEGORIES if held[c] < 8} == {}


def test_some_bad_cases_carry_several_categories():
    """About a quarter of the bad cases carry two or three categories."""
    several = [case for case in BAD if len(case["expect"]) >= 2]
    assert 0.2 <= len(several) / len(BAD) <= 0.4
    assert max(len(case["expect"]) for case in BAD) <= 3
