"""Mutated configs, rules, word lists and records: exit 2 naming file and line, never a traceback.

A bounded run of scripts/fuzz_config.py (300 seeded inputs); the long run is the script itself.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from replylint.cli import main

SCRIPT = Path(__file__).parent.parent / "scripts" / "fuzz_config.py"


@pytest.fixture(scope="module")
def fuzzer():
    spec = importlib.util.spec_from_file_location("fuzz_config", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules["fuzz_config"] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    yield module
    del sys.modules["fuzz_config"]


def test_mutated_inputs_give_user_errors_only(fuzzer, tmp_path):
    """300 mutated configs, rules, word lists and records: no crash; every error names its file and line."""
    tally = fuzzer.fuzz(300, seed=20240611, folder=tmp_path)
    assert sum(tally.inputs.values()) == 300
    assert tally.exits[2] > 0 and tally.exits[0] + tally.exits[1] > 0  # both broken and working inputs
    found = [f"{kind}: {signature} x{count}\n{tally.examples[kind, signature][2][-1500:]}"
             for (kind, signature), count in tally.problems.items()]
    assert found == []


def test_mutations_change_their_input(fuzzer):
    """Every mutation kind leaves most seeds different, so the run tries new inputs, not the seeds."""
    import random

    rng = random.Random(7)
    pool = fuzzer.seeds()
    changed = sum(fuzzer.mutate(seed, rng, pool) != seed.data for seed in pool for _ in range(5))
    assert changed > 0.8 * len(pool) * 5


@pytest.mark.parametrize("where", ["config", "rule"])
def test_python_tags_are_refused_not_run(tmp_path, where):
    """!!python/object/apply:os.system in a config or a rule is exit 2 naming the line; nothing runs."""
    marker = tmp_path / "pwned"
    tag = f"!!python/object/apply:os.system ['touch {marker}']"
    (tmp_path / "draft.txt").write_text("Per company policy, no.\n", encoding="utf-8")
    config = tmp_path / ".replylint.yaml"
    if where == "config":
        config.write_text(f"fail-on: warning\nmin-level: {tag}\n", encoding="utf-8")
    else:
        (tmp_path / "pack").mkdir()
        (tmp_path / "pack" / "bad.yaml").write_text(f"check: phrase\ncategory: {tag}\n", encoding="utf-8")
        config.write_text("extends: none\npacks: [pack]\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--config", str(config), str(tmp_path / "draft.txt")])
    assert result.exit_code == 2 and not marker.exists()
    assert result.stderr.startswith(f"replylint: {tmp_path}")
    assert ":2: invalid YAML: could not determine a constructor" in result.stderr
    assert "Traceback" not in result.stderr


RULE_HEAD = "check: phrase\ncategory: rude-tone\nmessage: x\n"
EXAMPLES = "examples:\n  fail: [{reply: a}]\n  pass: [{reply: b}]\n"
DEEP = "[" * 3000 + "]" * 3000
DEEP_GROUPS = "(" * 3000 + ")" * 3000
CANNED = RULE_HEAD.replace("phrase", "canned")
MACRO = "options:\n  macros:\n    - name: x\n"
BLANK_EXAMPLE = "examples:\n  fail: [{reply: ' '}]\n  pass: [{reply: b}]\n"


@pytest.mark.parametrize(
    "where, text, line, words",
    [
        ("config", "packs: !!pairs [a: 1]\n", 1, "!!pairs is not supported"),
        ("config", "fail-on: error\nextends: " + "x" * 5000 + ".yaml\n", 2, "'extends': config file"),
        ("config", "ignore: ['[z-a]']\noverrides:\n  - files: ['[]']\n    markup: html\n", None, None),
        ("rule", RULE_HEAD + f"options:\n  phrases: [{DEEP}]\n" + EXAMPLES, 5, "nested"),
        ("rule", RULE_HEAD + "options:\n  phrases: [!!float abc]\n" + EXAMPLES, 5, "cannot read the !!float"),
        ("rule", RULE_HEAD + 'options:\n  phrases: ["\\ud800"]\n' + EXAMPLES, 5, "lone surrogate"),
        ("rule", RULE_HEAD + f"options:\n  phrases: ['{'(' * 20_000}']\n" + EXAMPLES, 5, "over the limit"),
        ("rule", RULE_HEAD + f"options:\n  regex: ['{DEEP_GROUPS}']\n" + EXAMPLES, 5, "not compile"),
        ("rule", CANNED + MACRO + EXAMPLES, 6, "needs 'text'"),
        ("rule", RULE_HEAD + BLANK_EXAMPLE, 5, "needs a 'reply'"),
        ("rule", CANNED + "options:\n  min-score: -.inf\n" + EXAMPLES, 5, "must be a finite number"),
        ("rule", CANNED + "options:\n  min-score: 0\n" + EXAMPLES, 5, "min-score must be more than 0"),
        ("config", "fail-on: error\nmin-level: !!float ''\n", 2, "cannot read the !!float value ''"),
        ("config", 'fail-on: error\nignore: "\\U2001F600"\n', 2, "cannot read a value (chr() arg not in range"),
    ],
    ids=["pairs-tag", "long-extends", "bad-globs", "deep-nesting", "tagged-float", "surrogate", "long-phrase",
         "deep-regex", "macro-without-text", "blank-example", "infinite-score", "zero-score", "empty-float",
         "escape-past-unicode"],
)
def test_inputs_that_once_crashed(tmp_path, where, text, line, words):
    """Each shape the fuzzer found (or reading its crashes did) is exit 2 naming file and line, or works."""
    (tmp_path / "draft.txt").write_text("Per company policy, no.\n", encoding="utf-8")
    config = broken = tmp_path / "config.yaml"
    if where == "config":
        config.write_text(text, encoding="utf-8")
    else:
        (tmp_path / "pack").mkdir()
        broken = tmp_path / "pack" / "broken.yaml"
        broken.write_text(text, encoding="utf-8")
        config.write_text("extends: none\npacks: [pack]\n", encoding="utf-8")
    for command in (["check", str(tmp_path / "draft.txt")], ["rules"]):
        result = CliRunner().invoke(main, [*command, "--config", str(config)])
        if words is None:
            assert result.exit_code in (0, 1), result.output
            continue
        assert result.exit_code == 2, result.output
        assert result.stderr.startswith(f"replylint: {broken}:{line}: "), result.stderr
        assert words in result.stderr
