"""GitLab Code Quality: the severities GitLab knows and one fingerprint per issue."""

from __future__ import annotations

import json

from replylint.formatters import gitlab
from replylint.model import Draft, Finding, Report, Result, Severity, Span


def test_severities_map_to_gitlab_names():
    """info, warning and error become info, minor and major."""
    findings = tuple(Finding(f"r{s}", "arguing", s, None, "m") for s in Severity)
    issues = json.loads(gitlab.render([Result("a.txt", Draft("Hi"), Report(findings))]))
    assert [issue["severity"] for issue in issues] == ["info", "minor", "major"]


def test_fingerprints_differ_for_the_same_finding_in_two_cases_of_one_file():
    """Two cases without ids in one JSON Lines file, with the same finding, get distinct fingerprints."""
    finding = Finding("wall", "policy-excuse", Severity.WARNING, Span(0, 6), "Policy.")
    results = [Result("cases.jsonl", Draft("Policy."), Report((finding,)), entry=line) for line in (1, 2)]
    issues = json.loads(gitlab.render(results))
    assert len({issue["fingerprint"] for issue in issues}) == 2
    assert [issue["location"] for issue in issues] == [{"path": "cases.jsonl", "lines": {"begin": 1}}] * 2
