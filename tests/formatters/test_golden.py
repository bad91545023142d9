"""Each formatter renders one fixed set of results byte for byte as its golden file."""

from __future__ import annotations

from pathlib import Path

import pytest

from replylint.formatters import FORMATTERS
from replylint.model import Draft, Finding, Report, Result, Severity, Span
from replylint.rule import Rule
from replylint.sourcemap import SourceMap

GOLDEN = Path(__file__).parent / "golden"
SUFFIXES = {"github": "txt", "gitlab": "json", "json": "json", "junit": "xml", "sarif": "json", "text": "txt"}

REPLY = "Hi Jonh,\n\nPer company policy we can't refund it.\nRegards"
# An HTML draft: the reply is the text of its paragraphs, and each anchor (reply offset, file offset)
# marks where a tag or an entity was dropped, so positions point into the HTML file.
HTML = (
    "<html><body>\n"
    "<p>Hi J&oacute;nh,</p>\n"
    "<p>Per <b>company policy</b> we can't help.</p>\n"
    "</body></html>\n"
)
HTML_REPLY = "Hi Jónh,\nPer company policy we can't help."
HTML_MAP = SourceMap(HTML, ((0, 16), (4, 20), (5, 28), (8, 31), (9, 39), (13, 46), (27, 64)))

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
    Result(
        "drafts/b.html",
        Draft(HTML_REPLY),
        Report((
            Finding("missing-apology", "missing-basics", Severity.INFO, None, "No apology.", "Say sorry."),
            Finding("misspelled-name", "customer-record", Severity.ERROR, Span(3, 7), "'Jónh' is not John.",
                    "Hi John,"),
            Finding("company-policy", "policy-excuse", Severity.WARNING, Span(13, 27),
                    "'company policy' is a wall.", None),
        )),
        origin=HTML_MAP,
    ),
]
# The rules that ran: one with findings, one without; the other reported rule ids come only from findings.
RULES = (
    Rule(
        id="company-policy",
        check="phrase",
        category="policy-excuse",
        severity=Severity.WARNING,
        message="'{match}' hides behind policy.",
        options=None,
        suggestion="Explain what you can do.",
        description="Flags replies that cite company policy as the reason.",
        why="Citing policy tells the customer the rules matter more than their problem.",
    ),
    Rule(
        id="dear-customer",
        check="salutation",
        category="customer-record",
        severity=Severity.INFO,
        message="Generic greeting, but the customer's name is on record.",
        options=None,
    ),
)


@pytest.mark.parametrize("name", sorted(SUFFIXES))
def test_golden(request, name):
    """The rendering equals tests/formatters/golden/<format>.<ext> (regenerate with --update-golden)."""
    path = GOLDEN / f"{name}.{SUFFIXES[name]}"
    rendered = FORMATTERS[name](RESULTS, color=False, rules=RULES)
    if request.config.getoption("--update-golden"):
        path.write_bytes(rendered.encode("utf-8"))
    assert rendered == path.read_bytes().decode("utf-8")


def test_every_formatter_has_a_golden_file():
    """Registering a formatter without a golden file fails here."""
    assert sorted(FORMATTERS) == sorted(SUFFIXES)


def test_formatters_are_listed_in_sorted_order():
    """FORMATTERS is an explicit registry kept in sorted order."""
    assert list(FORMATTERS) == sorted(FORMATTERS)


def test_text_colour_only_when_asked():
    """ANSI colour codes appear only with color=True."""
    assert "\x1b[" not in FORMATTERS["text"](RESULTS, color=False)
    assert "\x1b[" in FORMATTERS["text"](RESULTS, color=True)
