"""Baseline files: written atomically, read strictly, and used to keep only new findings."""

from __future__ import annotations

import json
import os

import pytest

from replylint import atomic, baseline
from replylint.errors import ConfigError
from replylint.fingerprint import fingerprints
from replylint.model import Draft, Finding, Report, Result, Severity, Span

REPLY = "Per company policy we can't. Per company policy, no."
POLICY = Finding("company-policy", "policy-excuse", Severity.WARNING, Span(4, 18), "Wall.")
AGAIN = Finding("company-policy", "policy-excuse", Severity.WARNING, Span(33, 47), "Wall.")
SORRY = Finding("no-sorry", "missing-basics", Severity.INFO, None, "No apology.")


def _results(*findings: Finding) -> list[Result]:
    return [Result("a.txt", Draft(REPLY), Report(findings)), Result("b.txt", Draft("Thanks!"), Report(()))]


def test_round_trip(tmp_path):
    """read() returns exactly the fingerprints write() stored, sorted and unique in the file."""
    path = tmp_path / "baseline.json"
    results = _results(POLICY, SORRY)
    baseline.write(path, results)
    expected = sorted(set(fingerprints(results).values()))
    assert json.loads(path.read_text(encoding="utf-8")) == {"version": 1, "fingerprints": expected}
    assert baseline.read(path) == frozenset(expected)


def test_new_only_keeps_new_findings_and_every_draft(tmp_path):
    """Baselined findings disappear, a new one stays, and drafts without findings are kept."""
    path = tmp_path / "baseline.json"
    baseline.write(path, _results(POLICY, SORRY))
    later = _results(POLICY, AGAIN, SORRY)
    kept = baseline.new_only(later, baseline.read(path))
    assert [result.report.findings for result in kept] == [(AGAIN,), ()]
    assert [result.source for result in kept] == ["a.txt", "b.txt"]
    assert kept[1] is later[1]


def test_new_only_with_an_empty_baseline_changes_nothing():
    """With nothing known, every finding is new."""
    results = _results(POLICY, SORRY)
    assert baseline.new_only(results, frozenset()) == results


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"{not json", "not valid JSON"),
        (b"\xff\xfe", "not UTF-8"),
        (b"[]", "must be"),
        (b'{"fingerprints": []}', "must be"),
        (b'{"version": 2, "fingerprints": []}', "unsupported baseline version 2"),
        (b'{"version": true, "fingerprints": []}', "unsupported baseline version"),
        (b'{"version": 1, "fingerprints": "abc"}', "must be a list"),
        (b'{"version": 1, "fingerprints": [42]}', "42"),
        (b'{"version": 1, "fingerprints": ["line 12"]}', "'line 12'"),
    ],
    ids=["json", "utf8", "list", "no-version", "version", "bool-version", "not-list", "number", "not-hex"],
)
def test_invalid_file_is_a_config_error_naming_it(tmp_path, content, problem):
    """An unusable baseline raises ConfigError with the file's path and the problem."""
    path = tmp_path / "baseline.json"
    path.write_bytes(content)
    with pytest.raises(ConfigError, match=problem) as caught:
        baseline.read(path)
    assert str(caught.value).startswith(str(path))


def test_missing_file_is_a_config_error(tmp_path):
    """A baseline that does not exist raises ConfigError naming it."""
    path = tmp_path / "missing.json"
    with pytest.raises(ConfigError, match="cannot read baseline") as caught:
        baseline.read(path)
    assert caught.value.path == str(path)


def test_write_replaces_the_file_and_leaves_no_temporary(tmp_path):
    """Writing over a baseline replaces it whole, keeps its permissions and leaves no stray file."""
    path = tmp_path / "baseline.json"
    path.write_text("old", encoding="utf-8")
    os.chmod(path, 0o640)
    baseline.write(path, _results(POLICY))
    assert baseline.read(path) == frozenset(fingerprints(_results(POLICY)).values())
    assert os.stat(path).st_mode & 0o777 == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["baseline.json"]


def test_failed_write_keeps_the_old_file(tmp_path, monkeypatch):
    """A failed final rename is a ConfigError; the old baseline stays and the temporary is gone."""
    path = tmp_path / "baseline.json"
    baseline.write(path, _results(POLICY))
    before = path.read_bytes()

    def fail(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, "replace", fail)
    with pytest.raises(ConfigError, match="cannot write baseline: No space left on device"):
        baseline.write(path, _results(POLICY, SORRY))
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["baseline.json"]


def test_write_into_a_missing_directory_is_a_config_error(tmp_path):
    """A baseline path whose directory does not exist raises ConfigError naming the path."""
    path = tmp_path / "nowhere" / "baseline.json"
    with pytest.raises(ConfigError) as caught:
        baseline.write(path, _results(POLICY))
    assert caught.value.path == str(path)
