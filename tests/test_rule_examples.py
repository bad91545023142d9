"""Every example of every built-in rule behaves as documented."""

from __future__ import annotations

import pytest

from replylint.packs import builtin_dir, load_packs
from replylint.selftest import examples, run_examples

RULES = load_packs([builtin_dir()])
CASES = [f"{rule.id}/{kind}/{index}" for rule, kind, index, _ in examples(RULES)]


@pytest.fixture(scope="module")
def outcomes():
    return {outcome.name: outcome for outcome in run_examples(RULES)}


@pytest.mark.parametrize("name", CASES)
def test_example(outcomes, name):
    """A fail example yields its rule's finding (on the given text); a pass example yields none."""
    assert outcomes[name].problem is None, outcomes[name].problem
