"""The real osTicket templates (../shared/realworld/osticket) through the example config, end to end."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from replylint.cli import main
from replylint.templates import find_placeholders, mask

ROOT = Path(__file__).parent.parent
OSTICKET = ROOT.parent / "shared" / "realworld" / "osticket"
CONFIG = ROOT / "examples" / "osticket" / ".replylint.yaml"

pytestmark = pytest.mark.skipif(not OSTICKET.is_dir(), reason="../shared/realworld/osticket is not here")


@pytest.fixture(scope="module")
def report() -> dict:
    result = CliRunner().invoke(main, ["check", str(OSTICKET), "--config", str(CONFIG), "--format", "json"])
    assert result.exit_code in (0, 1), result.stderr
    return json.loads(result.stdout)


def test_every_osticket_placeholder_is_recognised():
    """Every %{...} in every template is found as an osTicket placeholder, and masking leaves none."""
    for path in sorted(OSTICKET.glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        written = re.findall(r"%\{[^}\n]*\}", text)
        found = [p.text for p in find_placeholders(text) if p.syntax == "osTicket"]
        assert found == written, path.name
        assert "%{" not in mask(text)[0], path.name


def test_staff_alerts_are_skipped_and_customer_templates_linted(report):
    """The config's ignore globs skip staff alerts; subject and body of each customer template are linted."""
    sources = {Path(r["source"]).name for r in report["results"]}
    assert "ticket.reply.yaml" in sources and "ticket.autoresp.yaml" in sources
    assert not [s for s in sources if s.endswith(".alert.yaml") or s.startswith("task.")]
    fields = {(Path(r["source"]).name, r["id"]) for r in report["results"]}
    assert {("ticket.reply.yaml", "subject"), ("ticket.reply.yaml", "body")} <= fields


def test_no_placeholder_is_reported_as_unfilled(report):
    """In template mode %{recipient.name.first} and friends are expected, not findings."""
    rules = {f["rule"] for r in report["results"] for f in r["findings"]}
    assert "unfilled-placeholder" not in rules and "misspelled-name" not in rules


def test_findings_point_at_the_template_line(report):
    """Each finding's line and column in the YAML file hold the text it reports."""
    findings = [(r["source"], f) for r in report["results"] for f in r["findings"] if f["line"]]
    assert findings, "the over-limit template shuts the door and should be reported"
    for source, finding in findings:
        line = Path(source).read_text(encoding="utf-8").splitlines()[finding["line"] - 1]
        assert line[finding["column"] - 1 :].startswith(finding["text"].split("\n")[0]), (source, finding)
