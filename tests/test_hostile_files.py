"""Hostile files: each gets one error line naming it, the other files are still linted, and the exit is 2."""

from __future__ import annotations

import hashlib
import os
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from replylint.cli import main

GOOD = "Per company policy we cannot refund it.\n"


def _permissions_bind() -> bool:
    """Return whether a file without read permission is unreadable here (not so for root)."""
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        probe = Path(folder, "probe")
        probe.write_text("x")
        probe.chmod(0)
        try:
            probe.read_bytes()
        except PermissionError:
            return True
        return False


permissions_bind = pytest.mark.skipif(not _permissions_bind(), reason="root reads any file")


def check(*paths: Path | str, stdin: bytes | None = None):
    started = time.perf_counter()
    result = CliRunner().invoke(main, ["check", *(str(p) for p in paths)], input=stdin)
    return result, time.perf_counter() - started


def errors(result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.startswith("replylint: ")]


@pytest.fixture
def folder(tmp_path):
    """A folder holding one good draft, which must be linted whatever lies beside it."""
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    return tmp_path


def assert_one_error_and_good_linted(result, bad: Path, words: str) -> None:
    (line,) = errors(result)
    assert line.startswith(f"replylint: {bad}") and words in line, line
    assert "good.txt:1:5: warning policy-excuse/company-policy" in result.stdout
    assert result.exit_code == 2


@pytest.mark.parametrize(
    "name, data, words",
    [
        ("empty.txt", b"", "the reply is empty"),
        ("blank.txt", b" \n\t\r\n", "the reply is empty"),
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "UTF-8 text: byte 0x89"),
        ("latin1.txt", "Dear José,\nno.".encode("latin-1"), ":1: not UTF-8 text: byte 0xe9 at column 9"),
        ("utf16.txt", "Dear José".encode("utf-16"), "UTF-16 text"),
        ("broken.html", b"<p>caf\xc3</p>", "not UTF-8 text"),
        ("case.json", b'{"reply": "hi", "customer": [1]}', "'customer' must be a name or a mapping"),
        ("surrogate.jsonl", b'{"reply": "Hi \\ud800"}\n', ":1: the reply holds a lone surrogate, U+D800"),
    ],
)
def test_unreadable_draft_is_one_error(folder, name, data, words):
    """An empty, binary, non-UTF-8 or malformed file is named in one line; its neighbour is still linted."""
    (folder / name).write_bytes(data)
    result, _ = check(folder)
    assert_one_error_and_good_linted(result, folder / name, words)


def test_ten_megabyte_draft_is_refused_quickly(folder):
    """A 10 MB draft is refused before it is decoded or parsed, in well under the time linting would take."""
    big = folder / "big.html"
    big.write_bytes(b"<p>Per company policy we cannot refund it.</p>\n" * (10 * 2**20 // 48))
    result, elapsed = check(folder)
    assert_one_error_and_good_linted(result, big, "larger than 8 MiB")
    assert elapsed < 10


def test_draft_over_the_character_limit_is_refused(folder):
    """A file under the size limit whose reply is over a million characters gets the character limit."""
    long = folder / "long.txt"
    long.write_text("word " * 220_000, encoding="utf-8")
    result, _ = check(folder)
    assert_one_error_and_good_linted(result, long, "has 1,100,000 characters; the limit is 1,000,000")


def test_endless_device_is_refused(folder):
    """/dev/zero named on the command line is read up to the size limit, not forever."""
    result, elapsed = check("/dev/zero", folder / "good.txt")
    assert_one_error_and_good_linted(result, Path("/dev/zero"), "larger than 8 MiB")
    assert elapsed < 10


def test_long_run_of_punctuation_is_linted_in_linear_time(folder):
    """spaCy's tokenizer is quadratic in a run of "(" (30,000 took two minutes); the run is cut up."""
    (folder / "parens.txt").write_text("Per company policy, no. " + "(" * 200_000 + "\n", encoding="utf-8")
    result, elapsed = check(folder)
    assert result.exit_code == 1, result.stderr
    assert "parens.txt:1:5: warning policy-excuse/company-policy" in result.stdout
    assert elapsed < 30


def test_nul_bytes_in_utf8_are_text(folder):
    """NUL and other control characters are valid UTF-8: the draft is linted, not refused."""
    (folder / "nul.txt").write_bytes(b"\x00\x07 Per company policy we cannot refund it. \x00\n")
    result, _ = check(folder)
    assert (result.exit_code, errors(result)) == (1, [])
    assert "nul.txt:1:8: warning policy-excuse/company-policy" in result.stdout


def test_symlink_to_parent_does_not_loop_or_lint_twice(folder):
    """A folder link back to its parent is not followed: the walk ends and each draft is linted once."""
    (folder / "sub").mkdir()
    (folder / "sub" / "loop").symlink_to(folder, target_is_directory=True)
    result, _ = check(folder)
    assert (result.exit_code, errors(result)) == (1, [])
    assert result.stdout.count("company-policy") == 1 and "1 of 1 draft" in result.stdout


@pytest.mark.parametrize(
    "make, words",
    [
        (lambda f: [(f / a).symlink_to(f / b) for a, b in (("a.txt", "b.txt"), ("b.txt", "a.txt"))], "links"),
        (lambda f: (f / "dangling.txt").symlink_to(f / "gone.txt"), "No such file or directory"),
    ],
    ids=["file-link-loop", "dangling-link"],
)
def test_broken_links_are_one_error_each(folder, make, words):
    """A file link that loops or points nowhere is named with the reason; the good draft is linted."""
    make(folder)
    result, _ = check(folder)
    lines = errors(result)
    assert lines and all(words in line and "cannot read" in line for line in lines), lines
    assert "good.txt:1:5:" in result.stdout and result.exit_code == 2


def test_dangling_link_named_on_the_command_line(folder):
    """A dangling link given by name says why it cannot be read, not just that it does not exist."""
    (folder / "dangling.txt").symlink_to(folder / "gone.txt")
    result, _ = check(folder / "dangling.txt", folder / "good.txt")
    assert_one_error_and_good_linted(result, folder / "dangling.txt", "cannot read: No such file")


def test_pipe_in_a_folder_is_skipped(folder):
    """A named pipe called draft.txt would block the walk forever: it is not a draft, and is skipped."""
    os.mkfifo(folder / "pipe.txt")
    result, elapsed = check(folder)
    assert (result.exit_code, errors(result)) == (1, []) and elapsed < 10


@permissions_bind
def test_unreadable_file_and_folder(folder):
    """A file and a folder without read permission are each one error; the good draft is linted."""
    (folder / "secret.txt").write_text(GOOD, encoding="utf-8")
    (folder / "locked").mkdir()
    (folder / "locked" / "inside.txt").write_text(GOOD, encoding="utf-8")
    os.chmod(folder / "secret.txt", 0)
    os.chmod(folder / "locked", 0)
    try:
        result, _ = check(folder)
    finally:
        os.chmod(folder / "locked", 0o755)
    lines = errors(result)
    assert any(str(folder / "secret.txt") in line and "Permission denied" in line for line in lines), lines
    assert any(str(folder / "locked") in line and "cannot read folder" in line for line in lines), lines
    assert "good.txt:1:5:" in result.stdout and result.exit_code == 2


def digests(folder: Path) -> dict[str, str]:
    return {str(p): hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.rglob("*") if p.is_file()}


def test_linting_never_modifies_inputs(tmp_path):
    """Drafts, configs, rules and baselines read by a run are byte for byte the same after it."""
    root = Path(__file__).parent.parent
    inputs = tmp_path / "inputs"
    for source in ("examples", "rules"):
        for path in (root / source).rglob("*"):
            if path.is_file():
                target = inputs / source / path.relative_to(root / source)
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(path.read_bytes())
    (inputs / "cfg.yaml").write_text("packs: [rules/core]\nextends: none\n", encoding="utf-8")
    (inputs / "baseline.json").write_text('{"version": 1, "fingerprints": []}\n', encoding="utf-8")
    before = digests(inputs)
    args = ["check", str(inputs / "examples"), "--config", str(inputs / "cfg.yaml"),
            "--complaint", str(inputs / "examples" / "refund-complaint.txt"),
            "--baseline", str(inputs / "baseline.json"), "--output", f"sarif={tmp_path / 'out.sarif'}"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code in (1, 2) and (tmp_path / "out.sarif").exists()
    assert digests(inputs) == before


@pytest.mark.parametrize(
    "name, text, template",
    [
        ("lines.txt", "a\n" * 40_000, False),  # the sentence-start setter scanned the doc per line: 150 s
        ("placeholders.txt", "{{ x }} " * 40_000, True),  # each opener was checked against every placeholder
        ("busy.txt", "we are too busy " * 5_000, False),  # each match scanned the whole text for `unless` words
    ],
    ids=["short-lines", "placeholders", "many-matches"],
)
def test_repetitive_drafts_lint_in_linear_time(folder, name, text, template):
    """Drafts that once took minutes (quadratic in lines, placeholders or matches) lint in seconds."""
    (folder / name).write_text(text, encoding="utf-8")
    started = time.perf_counter()
    options = ["--template"] if template else []
    result = CliRunner().invoke(main, ["check", str(folder / name), *options])
    assert result.exit_code in (0, 1) and errors(result) == []
    assert time.perf_counter() - started < 20


def test_many_findings_on_one_long_line_print_a_window(folder):
    """A one-line draft with many findings shows a window of each, not the whole line each time."""
    line = "Per company policy, no. " * 2_000
    (folder / "one-line.txt").write_text(line, encoding="utf-8")
    result, _ = check(folder / "one-line.txt")
    excerpts = [text for text in result.stdout.splitlines() if text.startswith("  1 | ")]
    assert len(excerpts) == 2_000 and max(map(len, excerpts)) < 200
    assert all("company policy" in text for text in excerpts)
    assert len(result.stdout) < 2_000 * 1_000


def test_long_customer_message_lints_in_linear_time(folder):
    """The customer writes the message, so it is hostile input too: one 80,000-character sentence of
    "refund" once took 20 s, each word searching the sentence before it."""
    message = folder / "message.txt"
    message.write_text("refund " * 11_500, encoding="utf-8")
    started = time.perf_counter()
    result = CliRunner().invoke(main, ["check", str(folder / "good.txt"), "--complaint", str(message)])
    assert result.exit_code == 1 and errors(result) == []
    assert time.perf_counter() - started < 10
