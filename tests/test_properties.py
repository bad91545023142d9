"""Property tests on the engine: any Unicode reply, message and name is linted, in bounds, the same way twice.

Bounded for CI (60 examples a test); for a long run:
`REPLYLINT_PROPERTY_EXAMPLES=5000 pytest tests/test_properties.py`.
"""

from __future__ import annotations

import json
import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from replylint.engine import Linter
from replylint.errors import InputError
from replylint.formatters import FORMATTERS
from replylint.model import Customer, Draft, Result

EXAMPLES = int(os.environ.get("REPLYLINT_PROPERTY_EXAMPLES", "60"))
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Pieces that break naive text handling, mixed with words that make rules fire so spans get checked.
HOSTILE = [
    "مرحبا، طلبك في الطريق",  # Arabic
    "שלום, ההזמנה שלך",  # Hebrew
    "\u200f", "\u200e", "\u202e", "\u2066",  # direction marks and overrides
    "👍", "👨\u200d👩\u200d👧", "🇮🇪", "👋🏽", "🏳️\u200d🌈",  # emoji, ZWJ sequences, flags, skin tones
    "e\u0301", "\u0301", "Z\u0351\u0360\u0489",  # combining marks, one with nothing to combine with
    "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff",  # zero-width characters and a BOM
    "\r\n", "\r", "\n", "\n\n", "\t", "\x00", "\x0b", "\u2028", "\u0085",
    "“", "’", "…", "—",
    "Dear Customer,", "per company policy", "{{first_name}}", "[CUSTOMER NAME]", "XXXX", "%{ticket.number}",
    "WE WILL NEVER DO THAT", "!!!", "Jonh", "order A-20417", "Sorry for any inconvenience.",
    "> quoted line", "-- \nBest, Sam", "Hi José,", "İstanbul", "ß", "ﬁ",  # case mapping that changes length
]
LONE_SURROGATES = ["\ud800", "\udfff"]  # not text: JSON escapes can make them; they must be an InputError
words = st.text(st.characters(exclude_categories=("Cs",)), max_size=30)
long_line = st.integers(min_value=200, max_value=5000).map(lambda n: "word " * (n // 5) + "x" * (n % 5))
pieces = st.one_of(st.sampled_from(HOSTILE), words, st.sampled_from([" ", " ", ". "]), long_line)
with_surrogates = st.lists(st.one_of(pieces, st.sampled_from(LONE_SURROGATES)), max_size=8).map("".join)
texts = st.lists(pieces, max_size=25).map("".join)
known_names = st.sampled_from(["José Martínez", "Siobhan O'Connor", "محمد", "\u200bAnn"])
names = st.none() | known_names | words


@pytest.fixture(scope="module")
def linter():
    return Linter()


def customer_of(name: str | None, order: str | None) -> Customer | None:
    if name is None and order is None:
        return None
    return Customer.from_mapping({"name": name, "order": order})


def is_text(value: str | None) -> bool:
    return not any("\ud800" <= char <= "\udfff" for char in value or "")


def lint_or_input_error(linter: Linter, draft: Draft):
    """Lint a draft; an empty reply, or a lone surrogate anywhere, is the one documented InputError."""
    record = draft.customer.as_dict().values() if draft.customer else ()
    if not draft.reply.strip() or not all(map(is_text, (draft.reply, draft.complaint, *record))):
        with pytest.raises(InputError):
            linter.lint(draft)
        return None
    return linter.lint(draft)


def assert_spans_in_bounds(draft: Draft, report) -> None:
    """Every span lies inside the reply, and the JSON text, line and column point at it."""
    result = Result("draft.txt", draft, report)
    (entry,) = json.loads(FORMATTERS["json"]([result]))["results"]
    lines = draft.reply.split("\n")
    for finding, shown in zip(report.findings, entry["findings"], strict=True):
        if finding.span is None:
            assert shown["text"] is None
            continue
        start, end = finding.span.start, finding.span.end
        assert 0 <= start < end <= len(draft.reply), (finding, len(draft.reply))
        assert shown["text"] == draft.reply[start:end]
        parts = shown["text"].split("\n")
        first, last = parts[0], parts[-1]
        assert lines[shown["line"] - 1][shown["column"] - 1 :].startswith(first)
        assert lines[shown["end_line"] - 1][: shown["end_column"] - 1].endswith(last)


@SETTINGS
@given(reply=texts, complaint=st.one_of(st.none(), texts), name=names, order=st.one_of(st.none(), words))
def test_any_draft_is_linted_in_bounds(linter, reply, complaint, name, order):
    """Any reply, message and record: no exception but InputError for an empty reply; spans in bounds."""
    draft = Draft(reply, complaint, customer_of(name, order))
    report = lint_or_input_error(linter, draft)
    if report is not None:
        assert_spans_in_bounds(draft, report)
        assert not report.problems  # built-in regexes never run out of time


@SETTINGS
@given(reply=texts, name=names)
def test_templates_are_linted_in_bounds(linter, reply, name):
    """Template mode holds the same promises."""
    draft = Draft(reply, None, customer_of(name, None), template=True)
    report = lint_or_input_error(linter, draft)
    if report is not None:
        assert_spans_in_bounds(draft, report)


@SETTINGS
@given(replies=st.lists(texts.filter(str.strip), min_size=1, max_size=4), complaint=st.none() | texts)
def test_results_are_deterministic(linter, replies, complaint):
    """Linting twice, one by one or in a batch, gives identical reports."""
    drafts = [Draft(reply, complaint) for reply in replies]
    one_by_one = [linter.lint(draft) for draft in drafts]
    assert [linter.lint(draft) for draft in drafts] == one_by_one
    assert list(linter.lint_many(drafts)) == one_by_one


@SETTINGS
@given(reply=texts)
def test_a_bom_or_crlf_does_not_move_findings(linter, reply):
    """A reply read from a file with a BOM and CRLF is the same reply once decoded."""
    from replylint.yamlfile import decode

    clean = reply.replace("\r", "").lstrip("\ufeff")
    if not clean.strip():
        return
    raw = ("\ufeff" + clean.replace("\n", "\r\n")).encode("utf-8")
    assert linter.lint(Draft(decode(raw, "draft.txt"))) == linter.lint(Draft(clean))


@SETTINGS
@given(reply=with_surrogates, complaint=st.none() | with_surrogates, name=st.none() | with_surrogates)
def test_lone_surrogates_are_an_input_error(linter, reply, complaint, name):
    """Text that is not Unicode text (a lone surrogate from a JSON escape) is refused, never a crash."""
    draft = Draft(reply, complaint, customer_of(name, None))
    report = lint_or_input_error(linter, draft)
    if report is not None:
        assert_spans_in_bounds(draft, report)
