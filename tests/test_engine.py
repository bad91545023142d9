"""The engine: a rule that cannot report on a draft is skipped, and skipping changes no finding."""

from __future__ import annotations

import json
from pathlib import Path

from replylint import prefilter, regexes
from replylint.engine import Linter
from replylint.model import Customer, Draft, Report, Skipped

CORPUS = Path(__file__).resolve().parent.parent / "corpus"

PHRASE_RULE = """\
check: phrase
category: policy-excuse
message: "'{match}' is a wall."
options:
  phrases: [company policy]
  regex: ["\\\\bmy hands are tied\\\\b"]
  when: {message: true}
examples:
  fail: [{reply: company policy, complaint: "Why not?"}]
  pass: [{reply: fine, complaint: "Why not?"}]
"""


def corpus_drafts(limit: int) -> list[Draft]:
    drafts = []
    for file in sorted((CORPUS / "dev").glob("*.jsonl")):
        for line in file.read_text(encoding="utf-8").splitlines():
            if line.strip() and len(drafts) < limit:
                case = json.loads(line)
                customer = Customer.from_mapping(case["customer"]) if case.get("customer") else None
                drafts.append(Draft(case["reply"], case.get("complaint"), customer))
    return drafts


def every_rule(linter: Linter, doc) -> Report:
    """Evaluate doc as the engine did before it skipped rules: every rule, in order."""
    findings, problems = [], []
    with regexes.Budget(len(doc.text)) as budget:
        for rule, run in linter._runs:
            budget.refill()
            try:
                findings.extend(run(doc, rule))
            except regexes.RegexTimeout as exc:
                problems.append(Skipped(rule.id, str(exc)))
    return Report(tuple(sorted(findings, key=lambda f: f.sort_key)), tuple(problems))


def test_skipping_the_rules_that_cannot_report_changes_no_finding():
    """On corpus drafts the report equals that of running every rule, though most rules are skipped."""
    linter = Linter()
    docs = list(linter._parser.parse_many(corpus_drafts(400)))
    skipped = 0
    for doc in docs:
        assert linter.evaluate(doc) == every_rule(linter, doc)
        skipped += len(linter._runs) - len(linter._triggers.may_report(doc))
    assert skipped > 10 * len(docs)  # of 19 phrase rules, a draft gives most nothing to report


def test_a_phrase_rule_runs_on_a_hit_or_a_regex_that_may_match(linter_for, monkeypatch):
    """A phrase rule runs where its phrases hit or a regex may match, in its `when:` context only."""
    monkeypatch.setattr(prefilter._Strings, "STALE_ASKS", 1)  # the index's strings are scanned for at once
    linter = linter_for(PHRASE_RULE)
    cases = [  # reply, customer's message, whether the rule runs, whether it reports
        ("Fine, thanks.", "Why not?", True, False),  # the first draft: the index is not built yet
        ("Per company policy, no.", "Why not?", True, True),
        ("Sadly my hands are tied.", "Why not?", True, True),
        ("Your refund is on its way.", "Why not?", False, False),
        ("Per company policy, no.", None, False, False),  # no message: `when:` does not hold
    ]
    for reply, complaint, runs, reports in cases:
        doc = linter._parser.parse(Draft(reply, complaint))
        assert bool(linter._triggers.may_report(doc)) == runs, reply
        assert bool(linter.evaluate(doc).findings) == reports, reply


def test_a_rule_that_reports_an_absence_runs_without_its_words(linter_for):
    """A require rule reports what is missing, so it runs on drafts that hold none of its words."""
    linter = linter_for(
        """\
        check: require
        category: missing-basics
        message: No apology.
        options:
          any: [sorry]
          regex: ["\\\\bapologi[sz]e\\\\b"]
        examples:
          fail: [{reply: x}]
          pass: [{reply: Sorry!}]
        """
    )
    for _ in range(3):  # past the first draft too, once the index is built
        assert [f.rule_id for f in linter.lint(Draft("Your refund is on its way.")).findings] == ["sample-rule"]
