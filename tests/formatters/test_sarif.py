"""SARIF output: valid against the official 2.1.0 schema, with what GitHub code scanning reads."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from replylint.fingerprint import fingerprints
from replylint.formatters import sarif
from replylint.model import Draft, Finding, Report, Result, Severity, Span

ROOT = Path(__file__).parent.parent.parent
SCHEMA = ROOT.parent / "shared" / "schemas" / "sarif-schema-2.1.0.json"
GOLDEN = Path(__file__).parent / "golden" / "sarif.json"

REPLY = "Dear \N{GRINNING FACE} Customer,\nper policy we can't\nrefund it."
ODD = [
    Result(
        "sub dir\\odd #1.txt",  # a Windows separator, a space and a '#' to percent-encode
        Draft(REPLY),
        Report((
            Finding("dear-customer", "customer-record", Severity.INFO, Span(7, 15), "Generic greeting."),
            Finding("policy-wall", "policy-excuse", Severity.WARNING, Span(17, 47), "Policy.", "Say why."),
        )),
    ),
    Result("/abs/path/draft.txt", Draft(REPLY), Report((
        Finding("no-sorry", "missing-basics", Severity.ERROR, None, "x"),
    ))),
    Result("-", Draft("ok"), Report(())),
]


@pytest.fixture(scope="module")
def validator():
    """A validator for the official SARIF 2.1.0 schema from ../shared/schemas/."""
    jsonschema = pytest.importorskip("jsonschema")
    if not SCHEMA.is_file():
        pytest.skip(f"SARIF schema not found at {SCHEMA}")
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    return jsonschema.Draft4Validator(schema)


def _errors(validator, log: dict) -> list[str]:
    return [f"{list(error.absolute_path)}: {error.message}" for error in validator.iter_errors(log)]


def test_golden_sarif_is_valid(validator):
    """The golden SARIF log validates against the official schema."""
    assert _errors(validator, json.loads(GOLDEN.read_text(encoding="utf-8"))) == []


def test_odd_paths_and_multi_line_spans_are_valid(validator):
    """Odd file names, absolute paths, stdin and multi-line spans still give a schema-valid log."""
    assert _errors(validator, json.loads(sarif.render(ODD))) == []


def test_rule_index_points_at_the_rule():
    """Each result's ruleIndex names the driver rule with its ruleId."""
    run = json.loads(sarif.render(ODD))["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [rules[r["ruleIndex"]]["id"] for r in run["results"]] == [r["ruleId"] for r in run["results"]]


def test_locations_use_forward_slashes_and_code_point_columns():
    """URIs are relative to %SRCROOT%, '/'-separated and percent-encoded; columns count code points."""
    run = json.loads(sarif.render(ODD))["runs"][0]
    first, second, whole = (r["locations"][0]["physicalLocation"] for r in run["results"])
    assert first["artifactLocation"] == {"uri": "sub%20dir/odd%20%231.txt", "uriBaseId": "%SRCROOT%"}
    # The emoji before "Customer" is one column, not two UTF-16 units.
    assert first["region"] == {"startLine": 1, "startColumn": 8, "endLine": 1, "endColumn": 16}
    assert second["region"] == {"startLine": 2, "startColumn": 1, "endLine": 3, "endColumn": 11}
    assert whole == {"artifactLocation": {"uri": "file:///abs/path/draft.txt"}, "region": {"startLine": 1}}
    assert run["columnKind"] == "unicodeCodePoints"


def test_results_carry_the_finding_fingerprints():
    """partialFingerprints holds the same fingerprints as replylint.fingerprint."""
    run = json.loads(sarif.render(ODD))["runs"][0]
    given = [r["partialFingerprints"][sarif.FINGERPRINT_KEY] for r in run["results"]]
    assert given == list(fingerprints(ODD).values())


def test_help_markdown_is_escaped():
    """Markdown characters in a rule's prose are escaped in help.markdown and kept in help.text."""
    from replylint.rule import Rule

    rule = Rule("r", "phrase", "arguing", Severity.WARNING, "m", None, why="Never say *actually* or <b>.")
    (descriptor,) = json.loads(sarif.render([], rules=[rule]))["runs"][0]["tool"]["driver"]["rules"]
    assert descriptor["help"]["markdown"] == "**Why it matters**\n\nNever say \\*actually\\* or \\<b\\>."
    assert descriptor["help"]["text"] == "Never say *actually* or <b>."
