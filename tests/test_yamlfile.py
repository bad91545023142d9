"""Hostile YAML: safe tags only, bounded nesting and aliases, and every error names its line."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from replylint import yamlfile
from replylint.errors import ConfigError

BOMB = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [" + ", ".join([f"*{chr(97 + i)}"] * 10) + "]\n" for i in range(8)
)


@pytest.mark.parametrize(
    "text, line, words",
    [
        ("ok: 1\nfail-on: !!python/object/apply:os.system ['true']\n", 2, "could not determine"),
        ("ok: 1\nmin-words: !!float many\n", 2, "cannot read the !!float value 'many'"),
        ("ok: 1\nwhen: !!timestamp soon\n", 2, "cannot read the !!timestamp value"),
        ("ok: 1\nlemma: !!bool maybe\n", 2, "cannot read the !!bool value"),
        ("ok: 1\nlist:\n  - !!map just untrue\n", 3, "cannot read the !!map value 'just untrue'"),
        ("ok: 1\nlist: !!seq abc\n", 2, "cannot read the !!seq value 'abc'"),
        ("ok: 1\nphrases: [\"x\\ud800\"]\n", 2, "lone surrogate"),
        ("ok: 1\nmessage: a\x00b\n", 2, "unacceptable character #x0000"),
        ("ok: 1\nphrases: " + "[" * 5000 + "]" * 5000 + "\n", 2, "nested more than 100 deep"),
        ("ok: 1\nx:\n" + "".join("  " * i + "- \n" for i in range(1, 1200)) + "  " * 1200 + "- x\n", 102,
         "nested more than 100 deep"),
        (BOMB, 1, "aliases repeat more than 100,000 values"),
        ("a: 1\na: 2\n", 2, "duplicate key 'a'"),
    ],
    ids=["python-tag", "bad-float", "bad-timestamp", "bad-bool", "scalar-as-map", "scalar-as-list",
         "surrogate", "nul", "flow-depth", "block-depth", "alias-bomb", "duplicate-key"],
)
def test_hostile_yaml_is_an_error_with_its_line(text, line, words):
    """Each hostile document is refused quickly with a ConfigError naming the file and the line."""
    started = time.perf_counter()
    with pytest.raises(ConfigError) as caught:
        yamlfile.loads(text, "c.yaml", ConfigError)
    assert time.perf_counter() - started < 5
    assert (caught.value.path, caught.value.line) == ("c.yaml", line), str(caught.value)
    assert words in str(caught.value)


def test_the_field_reader_has_the_same_guards():
    """compose() (which reads the fields of YAML templates) refuses the same bombs with lines."""
    for text, words in ((BOMB, "aliases repeat"), ("a: " + "[" * 5000, "nested more than 100 deep")):
        with pytest.raises(ConfigError, match=words):
            yamlfile.compose(text, "t.yaml", ConfigError)


def test_aliases_that_repeat_a_little_are_fine():
    """A few anchors and aliases, as people write them to share a list, still load."""
    data = yamlfile.loads("words: &w [sorry, apologise]\nagain: *w\n", "c.yaml")
    assert data["again"] == ["sorry", "apologise"]


def test_utf16_file_is_named():
    """A UTF-16 file (Windows editors save these) is an error that says so, not a byte offset."""
    with pytest.raises(ConfigError, match="UTF-16"):
        yamlfile.decode("key: value".encode("utf-16"), "c.yaml", ConfigError)


def _with_lines(value: object) -> object:
    """Return value with the line of every mapping, key, list and item, to compare two loads."""
    if isinstance(value, yamlfile.Mapping):
        return value.line, dict(value.key_lines), {k: _with_lines(v) for k, v in value.items()}
    if isinstance(value, yamlfile.Sequence):
        return value.line, list(value.item_lines), [_with_lines(v) for v in value]
    return value


def test_shipped_files_load_alike_with_libyaml_and_user_files_never_do(tmp_path):
    """The built-in pack and lexicons load through libyaml to the same values and lines; a user's
    file, even a copy of a shipped one, goes through the guarded Python parser."""
    from replylint.packs import builtin_dir

    shipped = sorted(builtin_dir().rglob("*.yaml")) + sorted((Path(yamlfile.__file__).parent / "lexicons").glob("*.yaml"))
    assert len(shipped) > 30 and all(yamlfile._shipped(path) for path in shipped)
    for path in shipped:
        text = yamlfile.read_text(path)
        assert _with_lines(yamlfile.loads(text, path, shipped=True)) == _with_lines(yamlfile.loads(text, path)), path
    copy = tmp_path / "rule.yaml"
    copy.write_text("phrases: " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    assert not yamlfile._shipped(copy)
    with pytest.raises(ConfigError, match="nested more than 100 deep"):
        yamlfile.load(copy, ConfigError)
