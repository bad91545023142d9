"""The Linter behind the service: safe to share across threads, and batches answer like single drafts."""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

pytest.importorskip("fastapi")
from replylint.config import load_config  # after the skip
from replylint.engine import Linter
from replylint.model import Customer, Draft
from replylint.server.service import Job, Service

CORPUS = Path(__file__).parent.parent.parent / "corpus" / "dev"


def corpus_drafts(limit: int) -> list[Draft]:
    drafts = []
    for path in sorted(CORPUS.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines()[: limit // 5]:
            case = json.loads(line)
            record = case.get("customer")
            customer = Customer.from_mapping(record) if isinstance(record, dict) else None
            drafts.append(Draft(case["reply"], case.get("complaint"), customer))
    return drafts


def test_one_linter_shared_by_threads_gives_the_same_reports(monkeypatch):
    """Reports from 6 threads sharing one Linter equal the reports of one thread, draft for draft."""
    # Wall-clock regex budgets are about runaway patterns, not thread scheduling: widen them here.
    monkeypatch.setenv("REPLYLINT_REGEX_BUDGET_MS", "60000")
    drafts = corpus_drafts(60)
    linter = Linter()
    expected = [linter.lint(draft) for draft in drafts]

    def lint_every_third(start: int) -> list[tuple[int, object]]:
        return [(index, linter.lint(drafts[index])) for index in range(start % 3, len(drafts), 3)]

    with ThreadPoolExecutor(6) as pool:
        for results in pool.map(lint_every_third, range(12)):
            for index, report in results:
                assert report == expected[index], f"draft {index} differs under threads"


def test_a_batch_answers_like_single_drafts():
    """Service.run over several jobs gives each job the outcome it gets alone."""
    service = Service(load_config())
    jobs = [Job(draft) for draft in corpus_drafts(10)]
    assert service.run(jobs) == [service.run([job])[0] for job in jobs]
