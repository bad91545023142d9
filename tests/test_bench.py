"""The benchmark's parts: seeded inputs, in-process measurements, the table and the docs block.

The whole `python -m bench --quick` takes a minute (a dozen cold processes); these run its pieces.
"""

from __future__ import annotations

import importlib.util

import pytest

from bench import drafts, measure, processes, report


def test_drafts_are_seeded_and_realistic():
    """Same seed, same drafts; 40 to 220 words; every draft has a message and a customer record."""
    first = drafts.generate(60, seed=3)
    assert first == drafts.generate(60, seed=3)
    assert first != drafts.generate(60, seed=4)
    assert all(drafts.MIN_WORDS <= len(d["reply"].split()) <= drafts.MAX_WORDS for d in first)
    assert all(d["complaint"] and d["customer"].get("name") for d in first)


def test_in_process_measurements_give_positive_figures():
    """Throughput and latency run the full pack and report rates, percentiles and peak memory."""
    cases = drafts.generate(30, seed=5)
    rate = measure.throughput(cases)
    assert rate["drafts"] == 30 and rate["rules"] > 20
    assert rate["replies_per_s"] > 0 and rate["peak_rss_mb"] >= rate["rss_after_load_mb"] > 0
    latency = measure.latency(cases, 40)
    assert 0 < latency["p50_ms"] <= latency["p99_ms"] <= latency["max_ms"]


@pytest.mark.skipif(importlib.util.find_spec("proselint") is None, reason="proselint is the bench extra")
def test_proselint_in_process():
    """proselint runs over the same replies through its own API."""
    result = measure.proselint(drafts.generate(20, seed=5))
    assert result["drafts"] == 20 and result["replies_per_s"] > 0


def test_table_targets_and_docs_block(tmp_path):
    """The table names every figure and target; --write-docs replaces only the marked block."""
    measured = processes.repeat(processes.replylint_command("--version"), 1)
    assert 0 < measured["min_s"] <= measured["median_s"]
    version = {"runs": 1, "min_s": 0.1, "median_s": 0.1, "mean_s": 0.1}  # fixed: the machine may be busy
    timing = {"runs": 1, "min_s": 1.0, "median_s": 1.0, "mean_s": 1.0}
    figures = {
        "date": "today",
        "machine": report.machine(),
        "settings": {"seed": 7},
        "inputs": {"drafts": 10, "words_min": 40, "words_median": 100, "words_max": 200},
        "replylint": {
            "throughput": {"replies_per_s": 2000.0, "peak_rss_mb": 150.0, "linter_load_s": 1.0},
            "latency": {"p50_ms": 0.5, "p99_ms": 1.5, "peak_rss_mb": 150.0},
            "cold_start": {"--version": version, "--help": version, "rules": timing, "check one.txt": timing},
            "cli": {"folder": {"drafts": 10, "replies_per_s": 5.0}, "jsonl": {"drafts": 10, "replies_per_s": 5.0}},
            "jobs": None,
        },
        "proselint": None,
        "ratios": None,
    }
    figures["targets"] = report.targets(figures)
    assert [t["met"] for t in figures["targets"]] == [True, True, True, True, True]
    text = report.table(figures)
    assert "| throughput in process, one core (replies/s) | 2,000 |" in text
    page = tmp_path / "performance.md"
    page.write_text(f"# Performance\n\nProse.\n\n{report.BEGIN}\nstale figures\n{report.END}\n\nMore prose.\n")
    report.write_docs(page, text)
    written = page.read_text()
    assert written.startswith("# Performance\n\nProse.\n") and written.endswith("More prose.\n")
    assert "stale figures" not in written and text in written


def test_parts_time_every_step_and_the_rules_the_engine_runs():
    """bench.parts gives a figure for each step, and counts each rule as often as the engine runs it."""
    import replylint
    from bench import parts
    from bench.measure import to_drafts

    result = parts.measure(n=8, passes=1, warmup=4, seed=5)
    assert set(result["parts_us"]) == {*parts.STEPS, "garbage collection"}
    assert all(micros > 0 for name, micros in result["parts_us"].items() if name != "garbage collection")
    linter = replylint.Linter()
    assert set(result["rules_us"]) <= {rule.id for rule in linter.config.rules}

    sample = to_drafts(drafts.generate(6, seed=9))
    runs, choose, chosen = linter._runs, linter._triggers.may_report, []
    linter._triggers.may_report = lambda doc: chosen.append(choose(doc)) or chosen[-1]
    timed, per_draft = parts._by_rule(linter, sample)
    assert linter._runs is runs  # the engine's own runs are put back
    assert len(chosen) == len(sample) and per_draft == sum(map(len, chosen)) / len(sample)
    assert set(timed) == {runs[position][0].id for positions in chosen for position in positions}
    assert list(timed.values()) == sorted(timed.values(), reverse=True)
