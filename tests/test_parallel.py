"""`check --jobs N`: worker processes, the same output as one process, errors still per file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from replylint import parallel
from replylint.cli import main
from replylint.model import Customer, Draft

REPLIES = [
    "Hi Ana, per company policy we cannot refund it.",
    "Dear Customer, thanks for your patience. Your order ships today.",
    "Hello Tom, I'm sorry the blender arrived cracked; a new one is on its way.",
    "Calm down. This is not our fault, you entered the wrong address.",
    "Hi Priya, your account LG-55281 is fixed. Please contact our billing team for the refund.",
]


@pytest.fixture
def inputs(tmp_path: Path) -> list[Path]:
    """A folder of replies with one unreadable file, and a JSON Lines file with a broken line."""
    folder = tmp_path / "drafts"
    folder.mkdir()
    for index in range(7):
        (folder / f"r{index}.txt").write_text(REPLIES[index % len(REPLIES)], encoding="utf-8")
    (folder / "r3-empty.txt").write_text(" \n", encoding="utf-8")
    lines = []
    for index in range(11):
        lines.append(json.dumps({
            "id": f"c{index}",
            "reply": REPLIES[index % len(REPLIES)],
            "complaint": "My blender arrived cracked and I want my money back!",
            "customer": {"name": "Priya Raghunathan", "account": "LG-55821"},
        }))
    lines.insert(5, "{not json}")
    cases = tmp_path / "cases.jsonl"
    cases.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return [folder, cases]


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def test_jobs_gives_the_same_output_as_one_process(inputs, monkeypatch):
    """Chunks of three drafts over two workers: same JSON, same errors on stderr, same exit status."""
    monkeypatch.setattr(parallel, "CHUNK", 3)
    sent = []
    send = parallel._send
    monkeypatch.setattr(parallel, "_send", lambda pool, sources: sent.append(len(sources)) or send(pool, sources))
    one = run("check", *inputs, "--format", "json")
    two = run("check", *inputs, "--format", "json", "--jobs", "2")
    assert sum(sent) == 7 + 11 and len(sent) > 2  # the workers linted every draft, in several chunks
    assert one.exit_code == two.exit_code == 2  # the empty file and the broken line
    assert two.stdout == one.stdout
    assert two.stderr == one.stderr
    assert len(json.loads(two.stdout)["results"]) == 7 + 11
    assert len(two.stderr.splitlines()) == 2


def test_jobs_zero_uses_every_core_and_text_output_matches(inputs, monkeypatch):
    """--jobs 0 means one worker per core; the text format is the same too."""
    monkeypatch.setattr(parallel, "CHUNK", 4)
    assert run("check", *inputs, "--jobs", "0").stdout == run("check", *inputs).stdout


def test_one_chunk_is_linted_without_a_pool(inputs, monkeypatch):
    """Input that fits in one chunk never starts worker processes."""
    monkeypatch.setattr(parallel, "ProcessPoolExecutor", None)  # would fail if used
    result = run("check", *inputs, "--jobs", "2")
    assert result.exit_code == 2
    assert "internal error" not in result.stderr


def test_drafts_cross_to_workers_intact():
    """A draft with a customer record survives the trip to a worker (the record's mapping is read-only)."""
    draft = Draft("Hi", "It broke", Customer.from_mapping({"name": "José", "order": "A-1"}), "x1", True)
    assert parallel._unpack(parallel._pack(draft)) == draft
    assert parallel._unpack(parallel._pack(Draft("Hi"))) == Draft("Hi")
