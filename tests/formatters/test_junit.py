"""JUnit XML: well-formed whatever the text holds, with counts CI servers read."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from replylint.formatters import junit
from replylint.model import Draft, Finding, Report, Result, Severity, Span

TRICKY = "Tom & \"Jerry\" <b>said</b> 'no'\x07\x00"


def test_markup_and_control_characters_stay_well_formed():
    """&, <, quotes and XML-forbidden control characters in names and messages still parse back."""
    result = Result(f"a&<{TRICKY}>.txt", Draft("Hello"), Report((
        Finding("rude", "rude-tone", Severity.ERROR, Span(0, 5), TRICKY, TRICKY),
    )))
    suite = ET.fromstring(junit.render([result]))
    (case,) = suite.iter("testcase")
    failure = case.find("failure")
    cleaned = TRICKY.replace("\x07", "\ufffd").replace("\x00", "\ufffd")
    assert failure.get("message") == cleaned
    assert case.get("classname") == f"a&<{cleaned}>.txt"
    assert failure.text.endswith(f"\n{cleaned}\nSuggestion: {cleaned}")


def test_counts_and_a_passing_case_per_clean_draft():
    """tests counts findings plus clean drafts; failures counts findings; clean drafts pass."""
    results = [
        Result("a.txt", Draft("Hi"), Report((
            Finding("x", "arguing", Severity.WARNING, Span(0, 2), "m"),
            Finding("y", "arguing", Severity.INFO, None, "n"),
        ))),
        Result("b.txt", Draft("Hi"), Report(())),
    ]
    suite = ET.fromstring(junit.render(results))
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors")) == ("3", "2", "0")
    names = [(case.get("classname"), case.get("name"), case.find("failure") is None) for case in suite]
    assert names == [("a.txt", "x@1", False), ("a.txt", "y@1", False), ("b.txt", "replylint", True)]

