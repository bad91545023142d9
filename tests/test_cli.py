"""The command line: exit code, stdout and stderr together."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from replylint.cli import main

ROOT = Path(__file__).parent.parent

EXAMPLE = ROOT / "examples" / "refund-draft.txt"
COMPLAINT = ROOT / "examples" / "refund-complaint.txt"


def run(*args, stdin=None):
    return CliRunner().invoke(main, [str(a) for a in args], input=stdin)


def test_check_example_marks_the_offending_words():
    """The README example reports the policy excuse at its line and column, underlined, and exits 1."""
    result = run("check", EXAMPLE, "--complaint", COMPLAINT, "--customer-name", "Siobhan O'Connor")
    line_text = EXAMPLE.read_text(encoding="utf-8").splitlines()[4]
    column = line_text.index("company policy") + 1
    lines = result.stdout.splitlines()
    header = next(i for i, line in enumerate(lines) if "company-policy" in line)
    assert lines[header].startswith(f"{EXAMPLE}:5:{column}: warning policy-excuse/company-policy: 'company policy'")
    assert lines[header + 1] == f"  5 | {line_text}"
    assert lines[header + 2] == "    | " + " " * (column - 1) + "^" * len("company policy")
    assert "= suggestion:" in lines[header + 3]
    assert (result.exit_code, result.stderr) == (1, "")


def test_check_json_matches_the_documented_shape():
    """--format json gives version, one result per draft, findings with span, line, column and text."""
    result = run("check", EXAMPLE, "--complaint", COMPLAINT, "--format", "json")
    data = json.loads(result.stdout)
    assert data["version"] == 1 and result.exit_code == 1
    (entry,) = data["results"]
    assert (entry["source"], entry["id"]) == (str(EXAMPLE), None)
    finding = next(f for f in entry["findings"] if f["rule"] == "company-policy")
    reply = EXAMPLE.read_text(encoding="utf-8")
    assert reply[finding["span"]["start"] : finding["span"]["end"]] == finding["text"] == "company policy"
    column = reply.splitlines()[4].index("company policy") + 1
    expected = (5, column, 5, column + len("company policy"))
    assert (finding["line"], finding["column"], finding["end_line"], finding["end_column"]) == expected
    assert set(finding) == {"rule", "category", "severity", "message", "suggestion", "span", "line", "column",
                            "end_line", "end_column", "text"}
    assert data["summary"]["drafts"] == 1
    assert data["summary"]["findings"] == len(entry["findings"])
    assert data["summary"]["by_category"]["policy-excuse"] == 1


def test_clean_draft_exits_zero(tmp_path):
    """A draft with nothing to report exits 0 and says so."""
    draft = tmp_path / "ok.txt"
    draft.write_text("Hi Ana,\n\nYour refund was sent today.\n\nBest,\nLee\n", encoding="utf-8")
    result = run("check", draft)
    assert (result.exit_code, result.stdout, result.stderr) == (0, "No problems in 1 draft.\n", "")


def test_fail_on_error_lets_warnings_pass():
    """With --fail-on error, warnings are shown but the exit code is 0."""
    result = run("check", EXAMPLE, "--fail-on", "error")
    assert result.exit_code == 0 and "company-policy" in result.stdout


def test_disable_a_rule_and_a_category():
    """--disable takes rule ids and category ids, and only what it names goes quiet."""
    assert "company-policy" in run("check", EXAMPLE).stdout
    by_rule = run("check", EXAMPLE, "--disable", "company-policy").stdout
    by_category = run("check", EXAMPLE, "--disable", "policy-excuse").stdout
    assert "/company-policy:" not in by_rule and "/company-policy:" not in by_category
    assert "policy-excuse/" not in by_category


def test_stdin_with_customer_record(tmp_path):
    """`-` reads the draft from stdin; --customer reads a YAML record."""
    record = tmp_path / "customer.yaml"
    record.write_text("name: José Martínez\norder: A-1234\n", encoding="utf-8")
    result = run("check", "-", "--customer", record, stdin="Per company policy, no.\n")
    assert result.exit_code == 1 and result.stdout.startswith("-:1:5: warning policy-excuse/company-policy")


def test_jsonl_gives_one_result_per_line(tmp_path):
    """A JSON Lines file of 1,000 cases is linted in one process with one result per line, ids kept."""
    cases = tmp_path / "cases.jsonl"
    lines = [json.dumps({"id": f"c{i}", "reply": f"Reply {i}: per company policy, no."}) for i in range(1000)]
    cases.write_text("\n".join(lines) + "\n", encoding="utf-8")
    data = json.loads(run("check", cases, "--format", "json").stdout)
    assert [r["id"] for r in data["results"]] == [f"c{i}" for i in range(1000)]
    assert all(r["findings"][0]["text"] == "company policy" for r in data["results"])


def test_bad_files_are_reported_and_the_rest_still_linted(tmp_path):
    """Non-UTF-8, empty and missing inputs each get a one-line error; the others are linted; exit 2."""
    (tmp_path / "a-binary.txt").write_bytes(b"Hello \xff\xfe there")
    (tmp_path / "b-empty.txt").write_text("  \n", encoding="utf-8")
    (tmp_path / "c-good.txt").write_text("Per company policy, no.", encoding="utf-8")
    (tmp_path / "d.jsonl").write_text('{"reply": "fine"}\n{not json}\n', encoding="utf-8")
    result = run("check", tmp_path, tmp_path / "missing.txt")
    assert result.exit_code == 2
    errors = result.stderr.splitlines()
    assert errors == [
        f"replylint: {tmp_path / 'a-binary.txt'}:1: not UTF-8 text: byte 0xff at column 7",
        f"replylint: {tmp_path / 'b-empty.txt'}: the reply is empty: nothing to lint",
        f"replylint: {tmp_path / 'd.jsonl'}:2: invalid JSON at column 2: Expecting property name enclosed in double quotes",
        f"replylint: {tmp_path / 'missing.txt'}: no such file or directory",
    ]
    assert "c-good.txt:1:5: warning" in result.stdout
    assert "2 drafts" in result.stdout


def test_bad_config_exits_two_with_file_and_line(tmp_path):
    """A config error stops the run with exit 2 and one line naming file and line; no traceback."""
    config = tmp_path / ".replylint.yaml"
    config.write_text("rules:\n  company-policy: sometimes\n", encoding="utf-8")
    result = run("check", EXAMPLE, "--config", config)
    assert result.exit_code == 2
    assert result.stderr == f"replylint: {config}:2: unknown severity 'sometimes' (expected error, warning or info)\n"
    assert result.stdout == ""


def test_config_found_above_the_draft(tmp_path):
    """The .replylint.yaml above a draft applies to it."""
    (tmp_path / ".git").mkdir()
    (tmp_path / ".replylint.yaml").write_text("rules:\n  company-policy: off\n", encoding="utf-8")
    draft = tmp_path / "sub" / "d.txt"
    draft.parent.mkdir()
    draft.write_text("Per company policy, no.", encoding="utf-8")
    assert run("check", draft).exit_code == 0


def test_broken_regex_in_a_user_pack_exits_two(tmp_path):
    """A rule with a regex that does not compile is a usage error naming the rule file and line."""
    pack = tmp_path / "rules"
    pack.mkdir()
    (pack / "bad.yaml").write_text(textwrap.dedent("""\
        check: phrase
        category: rude-tone
        message: x
        options:
          regex: ["(oops"]
        examples: {fail: [{reply: a}], pass: [{reply: b}]}
        """), encoding="utf-8")
    config = tmp_path / "c.yaml"
    config.write_text("packs: [rules]\n", encoding="utf-8")
    result = run("check", EXAMPLE, "--config", config)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"replylint: {pack / 'bad.yaml'}:5: options.regex[0]: regex '(oops' does not compile")


def test_rules_lists_the_pack():
    """`replylint rules` prints id, category and severity of each rule."""
    result = run("rules")
    assert result.exit_code == 0
    assert any(line.split()[:3] == ["company-policy", "policy-excuse", "warning"] for line in result.stdout.splitlines())


def test_explain_shows_why_and_examples():
    """`replylint explain` prints what the rule does, why, and its examples."""
    result = run("explain", "company-policy")
    assert result.exit_code == 0
    for heading in ("What it does", "Why it matters", "Flagged", "Not flagged", "Use instead"):
        assert heading in result.stdout
    assert run("explain", "no-such-rule").exit_code == 2


def test_test_command_passes_on_builtin_pack():
    """`replylint test` runs every built-in example and exits 0."""
    result = run("test")
    assert result.exit_code == 0 and " 0 failed" in result.stdout


def test_test_command_fails_on_a_broken_example(write_rule, tmp_path):
    """An example that does not behave is reported with file, line and why; exit 1."""
    path = write_rule("""\
        check: phrase
        category: policy-excuse
        message: "'{match}'"
        options: {phrases: [company policy]}
        examples:
          fail:
            - reply: Our policy says no.
          pass:
            - reply: Per company policy, no.
        """)
    result = run("test", path.parent)
    assert result.exit_code == 1
    assert f"{path}:7: sample-rule/fail/0: expected a finding, got none" in result.stdout
    assert f"{path}:9: sample-rule/pass/0: expected no finding, got 1: ['company policy']" in result.stdout
    assert "0 examples passed, 2 failed" in result.stdout


@pytest.mark.parametrize("args", [["check"], ["check", "x.txt", "--format", "xml"], ["nonsense"]])
def test_usage_errors_exit_two(args):
    """Wrong usage exits 2."""
    assert run(*args).exit_code == 2


def test_version():
    """--version prints the version."""
    result = run("--version")
    assert result.exit_code == 0 and result.stdout.startswith("replylint, version ")
