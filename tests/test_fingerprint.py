"""Finding fingerprints: stable across unrelated edits, different for different findings."""

from __future__ import annotations

import re

import pytest

from replylint.fingerprint import fingerprint, fingerprints
from replylint.model import Draft, Finding, Report, Result, Severity, Span

REPLY = "Hi Ann,\nPer company policy we can't refund it."


def _policy(
    reply: str, rule: str = "company-policy", source: str = "a.txt", draft_id: str | None = None
) -> Result:
    """Return a result with one finding on the first "company polic..." (any case or spacing) of reply."""
    match = re.search(r"company\s+polic\w*", reply, re.IGNORECASE)
    finding = Finding(rule, "policy-excuse", Severity.WARNING, Span(match.start(), match.end()), "Wall.")
    return Result(source, Draft(reply, id=draft_id), Report((finding,)))


def _print(result: Result) -> str:
    return fingerprint(result, result.report.findings[0])


def test_is_a_hex_digest_prefix():
    """A fingerprint is 32 lower-case hex characters."""
    assert re.fullmatch(r"[0-9a-f]{32}", _print(_policy(REPLY)))


def test_survives_moving_to_another_line():
    """Lines added above the finding, or edits elsewhere, keep its fingerprint."""
    moved = "Hello Ann,\n\nThanks for writing.\n" + REPLY.split("\n", 1)[1] + "\nBest,\nBo"
    assert _print(_policy(moved)) == _print(_policy(REPLY))


def test_ignores_case_and_whitespace_of_the_match():
    """The matched text is compared with whitespace collapsed and lower-cased."""
    assert _print(_policy(REPLY.replace("company policy", "Company\n   POLICY"))) == _print(_policy(REPLY))


@pytest.mark.parametrize(
    "changed",
    [
        _policy(REPLY, rule="policy-excuse"),
        _policy(REPLY.replace("company policy", "company  policies")),
        _policy(REPLY, source="b.txt"),
        _policy(REPLY, draft_id="case-7"),
    ],
    ids=["rule", "text", "path", "draft-id"],
)
def test_changes_with_rule_text_path_or_draft(changed):
    """Another rule, matched text, file or draft id gives another fingerprint."""
    assert _print(changed) != _print(_policy(REPLY))


def test_path_separators_and_leading_dot_do_not_matter():
    """a\\b.txt, ./a/b.txt and a/b.txt name the same file."""
    prints = {_print(_policy(REPLY, source=name)) for name in ("a\\b.txt", "./a/b.txt", "a/b.txt")}
    assert len(prints) == 1


def test_whole_reply_findings_use_empty_text():
    """A finding about the whole reply keeps its fingerprint whatever the reply says."""
    def whole(reply: str) -> Result:
        finding = Finding("no-sorry", "missing-basics", Severity.INFO, None, "m")
        return Result("a.txt", Draft(reply), Report((finding,)))

    assert _print(whole("Hi.")) == _print(whole("Hello, a different reply."))


def test_repeated_findings_are_counted_apart():
    """The same rule matching the same text twice gives two fingerprints, the first unchanged."""
    reply = "company policy, company policy"
    first = Finding("company-policy", "policy-excuse", Severity.WARNING, Span(0, 14), "Wall.")
    second = Finding("company-policy", "policy-excuse", Severity.WARNING, Span(16, 30), "Wall.")
    twice = Result("a.txt", Draft(reply), Report((first, second)))
    once = Result("a.txt", Draft(reply), Report((first,)))
    assert fingerprint(twice, first) != fingerprint(twice, second)
    assert fingerprint(twice, first) == fingerprint(once, first)


def test_equal_findings_are_still_counted_apart():
    """Two equal findings (same rule and span) in one report get different fingerprints."""
    finding = Finding("company-policy", "policy-excuse", Severity.WARNING, Span(0, 14), "Wall.")
    copy = Finding("company-policy", "policy-excuse", Severity.WARNING, Span(0, 14), "Wall.")
    result = Result("a.txt", Draft("company policy"), Report((finding, copy)))
    assert fingerprint(result, finding) != fingerprint(result, copy)


def test_fingerprints_agree_with_fingerprint():
    """fingerprints() gives each finding of a lone result the same value as fingerprint()."""
    result = _policy(REPLY)
    extra = Finding("no-sorry", "missing-basics", Severity.INFO, None, "m")
    result = Result(result.source, result.draft, Report((*result.report.findings, extra)))
    expected = {(0, i): fingerprint(result, f) for i, f in enumerate(result.report.findings)}
    assert fingerprints([result]) == expected


def test_unknown_finding_is_an_error():
    """Asking for a finding that is not in the result's report raises ValueError."""
    other = Finding("x", "arguing", Severity.INFO, None, "m")
    with pytest.raises(ValueError, match="not in the report"):
        fingerprint(_policy(REPLY), other)
