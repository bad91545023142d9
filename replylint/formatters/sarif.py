"""SARIF 2.1.0 for GitHub code scanning and other viewers: one run, its rules, one result per finding."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import PurePosixPath, PureWindowsPath
from typing import TYPE_CHECKING
from urllib.parse import quote

from .. import __version__
from ..fingerprint import fingerprints, source_path
from ..model import Finding, Result, Severity

if TYPE_CHECKING:
    from ..rule import Rule

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
FINGERPRINT_KEY = "replylintFingerprint/v1"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def render(results: Sequence[Result], *, color: bool = False, rules: Sequence[Rule] = ()) -> str:
    """Render all results as one SARIF log with a single run."""
    descriptors = _descriptors(results, rules)
    index = {descriptor["id"]: i for i, descriptor in enumerate(descriptors)}
    prints = fingerprints(results)
    sarif_results = []
    for r, result in enumerate(results):
        for f, finding in enumerate(result.report.findings):
            sarif_results.append(_result(result, finding, index[finding.rule_id], prints[r, f]))
    log = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "replylint",
                        "version": __version__,
                        "rules": descriptors,
                    },
                },
                # Columns count characters, as Python indexes the reply; not UTF-16 units.
                "columnKind": "unicodeCodePoints",
                "results": sarif_results,
            },
        ],
    }
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"


def _descriptors(results: Sequence[Result], rules: Sequence[Rule]) -> list[dict]:
    """Return one reportingDescriptor per rule that ran or reported, sorted by id."""
    by_id: dict[str, dict] = {rule.id: _descriptor(rule) for rule in rules}
    for result in results:
        for finding in result.report.findings:
            if finding.rule_id not in by_id:
                # A finding from a rule the caller did not pass: describe what the finding itself knows.
                by_id[finding.rule_id] = {
                    "id": finding.rule_id,
                    "name": finding.rule_id,
                    "defaultConfiguration": {"level": LEVELS[finding.severity]},
                    "properties": {"tags": [finding.category]},
                }
    return [by_id[rule_id] for rule_id in sorted(by_id)]


def _descriptor(rule: Rule) -> dict:
    summary = rule.description or rule.message.replace("{match}", "…")
    full = "\n\n".join(part for part in (rule.description, rule.why) if part) or summary
    return {
        "id": rule.id,
        "name": rule.id,
        "shortDescription": {"text": summary},
        "fullDescription": {"text": full},
        "help": _help(rule, summary),
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {"tags": [rule.category]},
    }


def _help(rule: Rule, fallback: str) -> dict:
    text, markdown = [], []
    if rule.why:
        text.append(rule.why)
        markdown.append(f"**Why it matters**\n\n{_markdown(rule.why)}")
    if rule.suggestion:
        text.append(f"Use instead: {rule.suggestion}")
        markdown.append(f"**Use instead**\n\n{_markdown(rule.suggestion)}")
    if not text:
        return {"text": fallback, "markdown": _markdown(fallback)}
    return {"text": "\n\n".join(text), "markdown": "\n\n".join(markdown)}


def _markdown(text: str) -> str:
    """Escape the characters Markdown would read as formatting in rule prose."""
    for char in "\\`*_[]<>":
        text = text.replace(char, "\\" + char)
    return text


def _result(result: Result, finding: Finding, rule_index: int, fingerprint: str) -> dict:
    message = finding.message
    if finding.suggestion:
        message += f"\nSuggestion: {finding.suggestion}"
    if finding.span is None:
        # About the whole reply: point at the line where it starts (1 unless it sits inside a larger file).
        region = {"startLine": result.position(0)[0]}
    else:
        start_line, start_column = result.position(finding.span.start)
        end_line, end_column = result.end_position(finding.span)
        region = {
            "startLine": start_line,
            "startColumn": start_column,
            "endLine": end_line,
            "endColumn": end_column,
        }
    return {
        "ruleId": finding.rule_id,
        "ruleIndex": rule_index,
        "level": LEVELS[finding.severity],
        "message": {"text": message},
        "locations": [{"physicalLocation": {"artifactLocation": _artifact(result.source), "region": region}}],
        "partialFingerprints": {FINGERPRINT_KEY: fingerprint},
    }


def _artifact(source: str) -> dict:
    """Return an artifactLocation: relative paths under %SRCROOT%, absolute ones as file: URIs."""
    path = source_path(source)
    if PureWindowsPath(source).is_absolute() or PurePosixPath(path).is_absolute():
        return {"uri": "file://" + quote(path if path.startswith("/") else "/" + path, safe="/:")}
    return {"uri": quote(path, safe="/"), "uriBaseId": "%SRCROOT%"}
