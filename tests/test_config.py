"""Config files: extends, packs, per-rule and per-category settings, fail-on, and their errors."""

from __future__ import annotations

import re
import textwrap

import pytest

from replylint.config import find_config, load_config
from replylint.errors import ConfigError, RuleError
from replylint.model import Severity


def write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def ids(config):
    return {rule.id: rule for rule in config.rules}


def test_no_config_means_recommended_pack():
    """Without a config file the built-in pack runs, failing on warnings."""
    config = load_config(None)
    assert {"company-policy", "missing-apology"} <= set(ids(config))
    assert config.fail_on is Severity.WARNING


def test_rule_off_severity_and_options(tmp_path):
    """A rule can be turned off, given a severity, or given options merged over its own."""
    path = write(tmp_path / ".replylint.yaml", """\
        rules:
          missing-apology: off
          company-policy:
            severity: error
            options:
              phrases: [our policy]
        fail-on: error
        """)
    config = load_config(path)
    rule = ids(config)["company-policy"]
    assert "missing-apology" not in ids(config)
    assert rule.severity is Severity.ERROR and rule.options.phrases == ("our policy",)
    assert rule.options.unless, "options not given in the config keep the rule's own values"
    assert config.fail_on is Severity.ERROR


def test_rule_setting_beats_category_setting(tmp_path):
    """A category turned off can have one of its rules turned back on: the more specific wins."""
    path = write(tmp_path / "c.yaml", """\
        categories:
          policy-excuse: off
          missing-basics: error
        rules:
          company-policy: info
        """)
    config = ids(load_config(path))
    assert config["company-policy"].severity is Severity.INFO
    assert config["missing-apology"].severity is Severity.ERROR


def test_extends_another_config_and_overrides_it(tmp_path):
    """A config extending another inherits its settings, its own settings winning."""
    write(tmp_path / "base.yaml", "rules:\n  company-policy: error\n  missing-apology: off\n")
    path = write(tmp_path / "team" / "c.yaml", "extends: ../base.yaml\nrules:\n  missing-apology: info\n")
    config = ids(load_config(path))
    assert config["company-policy"].severity is Severity.ERROR
    assert config["missing-apology"].severity is Severity.INFO


def test_user_pack_and_extends_none(tmp_path, write_rule):
    """`extends: none` drops the built-in pack; `packs` adds rule folders relative to the config."""
    write_rule(
        """\
        check: phrase
        category: rude-tone
        message: Rude.
        description: Rude words.
        why: Rude.
        options: {phrases: [calm down]}
        examples:
          fail: [{reply: Calm down.}]
          pass: [{reply: Take your time.}]
        """,
        name="calm-down",
        folder=tmp_path / "myrules",
    )
    path = write(tmp_path / "c.yaml", "extends: none\npacks: [myrules]\n")
    assert set(ids(load_config(path))) == {"calm-down"}


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("rules:\n  company-policy: off\nfail_on: error\n", 3, "unknown key 'fail_on'"),
        ("rules:\n  no-such-rule: off\n", 2, "unknown rule 'no-such-rule'"),
        ("categories:\n  politeness: off\n", 2, "unknown category 'politeness'"),
        ("fail-on: sometimes\n", 1, "unknown severity 'sometimes'"),
        ("packs: [missing-folder]\n", 1, "pack directory 'missing-folder' not found"),
        ("rules:\n  company-policy: {level: error}\n", 2, "unknown key 'level' for rule company-policy"),
        ("rules: [company-policy]\n", 1, "'rules' must be a mapping"),
        ("rules:\n  company-policy: {options: {phrases: 3}}\n", 2, "options.phrases must be a list"),
        ("rules:\n  company-policy: off\n  company-policy: on\n", 3, "duplicate key"),
        ("rules: {\n", 2, "invalid YAML"),
    ],
)
def test_config_errors_name_file_and_line(tmp_path, text, line, words):
    """Every mistake in a config file is reported with its file and line."""
    path = write(tmp_path / ".replylint.yaml", text)
    with pytest.raises((ConfigError, RuleError)) as caught:
        load_config(path)
    assert re.match(rf".*\.replylint\.yaml:{line}: ", str(caught.value)), str(caught.value)
    assert words in str(caught.value)


def test_extends_loop_is_an_error(tmp_path):
    """Two configs extending each other are reported, not followed forever."""
    write(tmp_path / "a.yaml", "extends: b.yaml\n")
    path = write(tmp_path / "b.yaml", "extends: a.yaml\n")
    with pytest.raises(ConfigError, match="loop"):
        load_config(path)


def test_find_config_walks_up_and_stops_at_repository_root(tmp_path):
    """The nearest config above a file is used; the search stops at the repository root."""
    write(tmp_path / ".replylint.yaml", "fail-on: error\n")
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / "drafts" / "deep").mkdir(parents=True)
    assert find_config(repo / "drafts" / "deep") is None
    write(repo / ".replylint.yaml", "fail-on: info\n")
    assert find_config(repo / "drafts" / "deep") == repo / ".replylint.yaml"


def test_disable_unknown_name_is_an_error():
    """--disable with a name that is neither a rule nor a category is refused."""
    with pytest.raises(ConfigError, match="no such rule or category"):
        load_config(None, disable=["no-such-thing"])


def test_overrides_apply_to_matching_files_only(tmp_path):
    """An override's rules apply to the files its globs match; other files keep the base config."""
    path = write(tmp_path / ".replylint.yaml", """\
        overrides:
          - files: ["alerts/*.html"]
            rules:
              do-not-reply: off
            min-level: error
        """)
    config = load_config(path)
    inside = config.for_file(tmp_path / "alerts" / "new.html")
    outside = config.for_file(tmp_path / "replies" / "new.html")
    assert "do-not-reply" not in ids(inside) and inside.min_level is Severity.ERROR
    assert "do-not-reply" in ids(outside) and outside.min_level is Severity.INFO
    assert inside.origins["rules.do-not-reply"] == f"{path.resolve()}:4"


def test_templates_and_ignore_globs(tmp_path):
    """`templates` globs make a file a template, `ignore` globs skip it; both say where they were set."""
    path = write(tmp_path / ".replylint.yaml", """\
        templates: ["*.liquid", "macros/**"]
        ignore: [drafts/old]
        """)
    config = load_config(path)
    assert config.for_file(tmp_path / "a" / "b.liquid").template
    assert config.for_file(tmp_path / "macros" / "x" / "refund.txt").template
    assert not config.for_file(tmp_path / "refund.txt").template
    assert config.for_file(tmp_path / "drafts" / "old" / "a.txt").ignored
    assert not config.for_file(tmp_path / "drafts" / "new.txt").ignored
    assert "'*.liquid'" in config.for_file(tmp_path / "b.liquid").origins["template"]


def test_override_template_flag_beats_globs(tmp_path):
    """`template: false` in a matching override wins over the `templates` globs."""
    path = write(tmp_path / ".replylint.yaml", """\
        templates: ["*.html"]
        overrides:
          - files: [plain/*.html]
            template: false
        """)
    config = load_config(path)
    assert config.for_file(tmp_path / "x.html").template
    assert not config.for_file(tmp_path / "plain" / "x.html").template


@pytest.mark.parametrize(("text", "message"), [
    ("overrides:\n  - rules: {}\n", "needs 'files'"),
    ("overrides:\n  - files: ['*']\n    extends: none\n", "unknown key 'extends' in override"),
    ("overrides:\n  - files: ['*']\n    rules: {no-such-rule: off}\n", "unknown rule 'no-such-rule'"),
    ("markup: rtf\n", "'markup' must be one of"),
    ("fields: subject\nmin-level: loud\n", "unknown severity"),
    ("templates: '*.html'\n", "'templates' must be a list"),
])
def test_repository_settings_errors(tmp_path, text, message):
    """Bad repository settings are errors naming the config file and line."""
    path = write(tmp_path / ".replylint.yaml", text)
    with pytest.raises(ConfigError, match=re.escape(message)) as caught:
        load_config(path).for_file(tmp_path / "a.txt")
    assert str(path.resolve()) in str(caught.value)
