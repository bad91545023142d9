"""The command line as a CI gate on a repository of templates: formats, files, config, directives, baseline."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from replylint.cli import FORMATS, main
from replylint.formatters import FORMATTERS

POLICY = "<p>Dear %{recipient.name.first},</p>\n<p>Per <b>company policy</b> we cannot refund this.</p>\n"


def run(*args, env=None):
    return CliRunner().invoke(main, [str(a) for a in args], env=env)


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


@pytest.fixture
def repo(tmp_path, monkeypatch):
    """A folder with a config that makes every .html file a template."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".git").mkdir()
    write(tmp_path / ".replylint.yaml", 'templates: ["*.html"]\n')
    write(tmp_path / "reply.html", POLICY)
    return tmp_path


def test_format_names_match_the_formatters():
    """The formats the CLI offers are exactly the registered formatters."""
    assert set(FORMATS) == set(FORMATTERS)


def test_html_template_is_reported_at_its_file_line(repo):
    """In an HTML template the placeholder is expected and the finding points into the file."""
    result = run("check", "reply.html", "--format", "json")
    findings = json.loads(result.stdout)["results"][0]["findings"]
    assert [f["rule"] for f in findings] == ["company-policy"]
    line = POLICY.splitlines()[1]
    assert (findings[0]["line"], findings[0]["column"]) == (2, line.index("company policy") + 1)
    assert findings[0]["end_column"] == line.index("company policy") + len("company policy") + 1
    assert result.exit_code == 1


def test_github_format_is_chosen_under_github_actions(repo):
    """With no --format, GITHUB_ACTIONS=true gives workflow commands."""
    result = run("check", "reply.html", env={"GITHUB_ACTIONS": "true"})
    assert result.stdout.startswith("::warning file=reply.html,line=2,")


def test_output_writes_several_formats_at_once(repo):
    """--output FORMAT=FILE writes each file while stdout keeps the chosen format."""
    result = run("check", "reply.html", "--output", "sarif=out.sarif", "--output", "junit=out.xml")
    assert "company-policy" in result.stdout
    assert json.loads((repo / "out.sarif").read_text())["runs"][0]["results"][0]["ruleId"] == "company-policy"
    assert "company-policy@2" in (repo / "out.xml").read_text()


def test_bad_output_spec_is_a_usage_error(repo):
    """An --output without FORMAT=FILE exits 2 naming the accepted formats."""
    result = run("check", "reply.html", "--output", "pdf=x.pdf")
    assert result.exit_code == 2 and "FORMAT=FILE" in result.stderr and not (repo / "x.pdf").exists()


def test_ignore_and_min_level_from_config(repo):
    """`ignore` skips files; `min-level: error` hides warnings, and hidden findings do not fail."""
    write(repo / ".replylint.yaml", 'templates: ["*.html"]\nignore: [staff/]\nmin-level: error\n')
    write(repo / "staff" / "alert.html", "<p>Do not reply to this email.</p>")
    result = run("check", ".", "--format", "json")
    document = json.loads(result.stdout)
    assert [r["source"] for r in document["results"]] == ["reply.html"]
    assert document["summary"]["findings"] == 0 and result.exit_code == 0


def test_directives_suppress_in_templates_only(repo):
    """A disable-next-line comment silences its rule in a template; the same text in a draft is linted."""
    directive = "<!-- replylint-disable-next-line policy-excuse -- legal wording -->\n"
    write(repo / "reply.html", POLICY.replace("<p>Per", directive + "<p>Per"))
    assert run("check", "reply.html").exit_code == 0
    write(repo / "draft.txt", directive + "Per company policy we cannot refund this.")
    assert "company-policy" in run("check", "draft.txt").stdout


def test_unused_directives_are_reported_and_fail(repo):
    """--report-unused-directives names a directive that silenced nothing, and exits 1."""
    write(repo / "clean.html", "<!-- replylint-disable-next-line arguing -->\n<p>Thanks, your refund is on its way.</p>")
    plain = run("check", "clean.html")
    strict = run("check", "clean.html", "--report-unused-directives")
    assert plain.exit_code == 0
    assert strict.exit_code == 1 and "clean.html:1: unused directive replylint-disable-next-line (arguing)" in strict.stderr


def test_baseline_reports_only_new_findings(repo):
    """--write-baseline records today's findings; with --baseline only a new one fails the run."""
    assert run("check", "reply.html", "--write-baseline", "base.json").exit_code == 1
    assert run("check", "reply.html", "--baseline", "base.json").exit_code == 0
    write(repo / "reply.html", POLICY + "<p>Please do not reply to this email.</p>\n")
    result = run("check", "reply.html", "--baseline", "base.json", "--format", "json")
    assert [f["rule"] for f in json.loads(result.stdout)["results"][0]["findings"]] == ["do-not-reply"]


def test_template_flag_makes_placeholders_expected(tmp_path, monkeypatch):
    """Without config, --template reads a file as a template; without it the placeholder is unfilled."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".git").mkdir()
    write(tmp_path / "macro.txt", "Hi {{ first_name | default: 'there' }}, your refund is on its way.")
    assert "unfilled-placeholder" in run("check", "macro.txt").stdout
    assert run("check", "macro.txt", "--template").exit_code == 0


def test_config_show_says_where_each_value_came_from(repo):
    """`config show --for` prints the resolved values with the file and line that set them."""
    write(repo / ".replylint.yaml", 'templates: ["*.html"]\nrules:\n  do-not-reply: error\n')
    result = run("config", "show", "--for", "reply.html")
    config = str((repo / ".replylint.yaml").resolve())
    assert f"template:   yes              (templates: '*.html' at {config}:1)" in result.stdout
    assert "do-not-reply" in result.stdout and f"error    ({config}:3)" in result.stdout
    assert "block:      error            (default)" in result.stdout
    assert result.exit_code == 0


def test_config_show_gives_the_hook_decision_thresholds(repo):
    """The pre-send hook's block and warn levels show with their origin; off reads as never."""
    write(repo / ".replylint.yaml", "decision:\n  block: off\n  warn: info\n")
    result = run("config", "show")
    config = str((repo / ".replylint.yaml").resolve())
    assert f"block:      never            ({config}:2)" in result.stdout
    assert f"warn:       info             ({config}:3)" in result.stdout


EML = """\
From: Support <help@example.com>
To: "Siobhan O'Connor" <siobhan@example.com>
Subject: Re: cracked blender
Content-Type: text/plain; charset=utf-8

Hi Siobhan,

Per company policy we cannot refund an opened blender.

Regards,
Tom

On Mon, 3 Mar 2026, Siobhan O'Connor <siobhan@example.com> wrote:
> My blender arrived cracked and I want a refund. This is a disgrace.
"""


def test_eml_reply_is_linted_and_the_quote_is_the_complaint(tmp_path, monkeypatch):
    """An .eml file: the reply is linted at its file line, the quoted message is the complaint, not the reply."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".git").mkdir()
    write(tmp_path / "reply.eml", EML)
    result = run("check", "reply.eml", "--format", "json")
    findings = json.loads(result.stdout)["results"][0]["findings"]
    rules = {f["rule"]: f for f in findings}
    assert rules["company-policy"]["line"] == 8
    assert "missing-apology" in rules, "the quoted complaint makes an apology due"
    assert all("disgrace" not in (f["text"] or "") for f in findings)
