"""Each formatter renders one fixed set of results byte for byte as its golden file."""

from __future__ import annotations

from pathlib import Path

import pytest

from replylint.formatters import FORMATTERS
from replylint.model import Draft, Finding, Report, Result, Severity, Span

GOLDEN = Path(__file__).parent / "golden"
REPLY = "Hi Jonh,\n\nPer company policy we can't refund it.\nRegards"
RESULTS = [
    Result(
        "drafts/a.txt",
        Draft(REPLY),
        Report((
            Finding("missing-apology", "missing-basics", Severity.WARNING, None, "No apology.", "Say sorry."),
            Finding("misspelled-name", "customer-record", Severity.ERROR, Span(3, 7), "'Jonh' is not John.", "Hi John,"),
            Finding("company-policy", "policy-excuse", Severity.WARNING, Span(14, 28), "'company policy' is a wall.", None),
        )),
    ),
    Result("cases.jsonl", Draft("Fine.", id="c2"), Report(()), entry=2),
]


@pytest.mark.parametrize(("name", "suffix"), [("text", "txt"), ("json", "json")])
def test_golden(request, name, suffix):
    """The rendering equals tests/formatters/golden/<format>.<ext> (regenerate with --update-golden)."""
    path = GOLDEN / f"{name}.{suffix}"
    rendered = FORMATTERS[name](RESULTS, color=False)
    if request.config.getoption("--update-golden"):
        path.write_text(rendered, encoding="utf-8")
    assert rendered == path.read_text(encoding="utf-8")


def test_text_colour_only_when_asked():
    """ANSI colour codes appear only with color=True."""
    assert "\x1b[" not in FORMATTERS["text"](RESULTS, color=False)
    assert "\x1b[" in FORMATTERS["text"](RESULTS, color=True)
