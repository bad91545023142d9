"""Atomic writes: a report or baseline is replaced whole or not at all, and no temporary file is left."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from replylint import atomic
from replylint.cli import main

DRAFT = "Per company policy we cannot refund it.\n"


def test_write_creates_and_replaces(tmp_path):
    """A new file gets the data; an old one is replaced, keeping its permissions; nothing else is left."""
    path = tmp_path / "report.sarif"
    atomic.write(path, "first")
    assert path.read_text(encoding="utf-8") == "first"
    os.chmod(path, 0o640)
    atomic.write(path, b"second \xc3\xa9")
    assert path.read_bytes() == b"second \xc3\xa9"
    assert os.stat(path).st_mode & 0o777 == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.sarif"]


@pytest.mark.parametrize("failing", ["write", "fsync", "replace"])
@pytest.mark.parametrize("error", [OSError(28, "No space left on device"), KeyboardInterrupt()])
def test_failure_mid_write_keeps_the_old_file(tmp_path, monkeypatch, failing, error):
    """Whichever step fails (a full disk, Ctrl-C), the old file is intact and the temporary is gone."""
    path = tmp_path / "baseline.json"
    path.write_text("old and whole", encoding="utf-8")

    def fail(*args, **kwargs):
        raise error

    if failing == "write":
        real_fdopen = os.fdopen

        def fdopen(*args, **kwargs):
            handle = real_fdopen(*args, **kwargs)
            handle.write = fail
            return handle

        monkeypatch.setattr(atomic.os, "fdopen", fdopen)
    else:
        monkeypatch.setattr(atomic.os, failing, fail)
    with pytest.raises(type(error)):
        atomic.write(path, "new " * 1000)
    assert path.read_text(encoding="utf-8") == "old and whole"
    assert [p.name for p in tmp_path.iterdir()] == ["baseline.json"]


def test_symlink_is_written_through(tmp_path):
    """Writing to a link replaces the file it points at and keeps the link."""
    target = tmp_path / "reports" / "out.json"
    target.parent.mkdir()
    target.write_text("old", encoding="utf-8")
    link = tmp_path / "latest.json"
    link.symlink_to(target)
    atomic.write(link, "new")
    assert link.is_symlink() and target.read_text(encoding="utf-8") == "new"


def test_cli_output_failure_keeps_the_old_report(tmp_path, monkeypatch):
    """--output that cannot be written is one error line and exit 2; the previous report is intact."""
    draft = tmp_path / "draft.txt"
    draft.write_text(DRAFT, encoding="utf-8")
    report = tmp_path / "out.sarif"
    report.write_text("previous report", encoding="utf-8")

    def fail(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, "replace", fail)
    result = CliRunner().invoke(main, ["check", str(draft), "--output", f"sarif={report}"])
    assert result.exit_code == 2
    assert result.stderr == f"replylint: cannot write {report}: No space left on device\n"
    assert report.read_text(encoding="utf-8") == "previous report"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["draft.txt", "out.sarif"]


def test_cli_output_into_a_missing_folder(tmp_path):
    """A report path in a folder that does not exist is a user error naming it, not a traceback."""
    draft = tmp_path / "draft.txt"
    draft.write_text(DRAFT, encoding="utf-8")
    target = tmp_path / "missing" / "out.json"
    result = CliRunner().invoke(main, ["check", str(draft), "--output", f"json={target}"])
    assert (result.exit_code, result.stderr) == (2, f"replylint: cannot write {target}: No such file or directory\n")


def test_every_writer_uses_the_atomic_helper():
    """No module but atomic.py opens a file for writing, so no write can be left half done."""
    package = Path(__file__).parent.parent / "replylint"
    writes = re.compile(r"write_text\(|write_bytes\(|os\.replace\(|mkstemp\(|open\([^)]*[\"'][wax]b?\+?[\"']")
    offenders = [
        f"{path.relative_to(package)}: {found.group()}"
        for path in package.rglob("*.py")
        if path.name != "atomic.py"
        for found in writes.finditer(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []
