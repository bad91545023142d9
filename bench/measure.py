"""In-process measurements, one per subprocess: `python -m bench.measure KIND DRAFTS.jsonl [COUNT]`.

Each run pins itself to one core, prints one JSON object, and reports its own peak memory
(ru_maxrss), so no measurement's memory or warm caches leak into another's.
"""

from __future__ import annotations

import json
import os
import resource
import statistics
import sys
import time
from pathlib import Path

WARMUP = 100  # drafts linted before timing: first-use costs (regex prefilters, tokenizer cache)


def pin() -> int | None:
    """Run on one core (the first this process may use); return it, or None where Linux affinity is absent."""
    if not hasattr(os, "sched_setaffinity"):
        return None
    core = min(os.sched_getaffinity(0))
    os.sched_setaffinity(0, {core})
    return core


def peak_rss_mb() -> float:
    """Return the peak resident memory of this process so far, in MB (ru_maxrss is in KB on Linux)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def read_cases(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def to_drafts(cases: list[dict]) -> list:
    from replylint.model import Customer, Draft

    return [
        Draft(c["reply"], c.get("complaint"), Customer.from_mapping(c["customer"]) if c.get("customer") else None,
              id=c.get("id"))
        for c in cases
    ]


def throughput(cases: list[dict]) -> dict:
    """Lint every draft with Linter.lint_many (batches through spaCy's nlp.pipe), the full built-in pack."""
    import replylint

    drafts = to_drafts(cases)
    started = time.perf_counter()
    linter = replylint.Linter()
    load_s = time.perf_counter() - started
    sum(len(r.findings) for r in linter.lint_many(drafts[:WARMUP]))
    loaded_mb = peak_rss_mb()
    wall, cpu = time.perf_counter(), time.process_time()
    findings = sum(len(report.findings) for report in linter.lint_many(drafts))
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    return {
        "drafts": len(drafts),
        "findings": findings,
        "rules": len(linter.config.rules),
        "seconds": wall,
        "cpu_seconds": cpu,
        "replies_per_s": len(drafts) / wall,
        "replies_per_cpu_s": len(drafts) / cpu,
        "linter_load_s": load_s,
        "rss_after_load_mb": loaded_mb,
        "peak_rss_mb": peak_rss_mb(),
    }


def latency(cases: list[dict], singles: int) -> dict:
    """Time `singles` calls of Linter.lint, one draft each, as a pre-send hook makes them."""
    import replylint

    drafts = to_drafts(cases)
    linter = replylint.Linter()
    for draft in drafts[:WARMUP]:
        linter.lint(draft)
    times = []
    clock = time.perf_counter
    for index in range(singles):
        draft = drafts[index % len(drafts)]
        started = clock()
        linter.lint(draft)
        times.append(clock() - started)
    return summary_ms(times) | {"calls": singles, "peak_rss_mb": peak_rss_mb()}


def proselint(cases: list[dict]) -> dict:
    """Lint every reply with proselint's own API (LintFile(...).lint()), all default checks on."""
    from proselint.checks import __register__
    from proselint.config import DEFAULT
    from proselint.registry import CheckRegistry
    from proselint.tools import LintFile

    CheckRegistry().register_many(__register__)
    replies = [c["reply"] for c in cases]
    for reply in replies[:WARMUP]:
        LintFile("<bench>", reply).lint(DEFAULT)
    times = []
    findings = 0
    clock = time.perf_counter
    cpu = time.process_time()
    for reply in replies:
        started = clock()
        findings += len(LintFile("<bench>", reply).lint(DEFAULT))
        times.append(clock() - started)
    cpu = time.process_time() - cpu
    wall = sum(times)
    return {
        "drafts": len(replies),
        "findings": findings,
        "seconds": wall,
        "cpu_seconds": cpu,
        "replies_per_s": len(replies) / wall,
        "replies_per_cpu_s": len(replies) / cpu,
        "latency": summary_ms(times),
        "peak_rss_mb": peak_rss_mb(),
    }


def summary_ms(times: list[float]) -> dict:
    """Return p50, p90, p99, mean and max of durations in seconds, as milliseconds."""
    ordered = sorted(times)

    def at(share: float) -> float:
        return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))] * 1000

    return {
        "p50_ms": at(0.50),
        "p90_ms": at(0.90),
        "p99_ms": at(0.99),
        "mean_ms": statistics.fmean(ordered) * 1000,
        "max_ms": ordered[-1] * 1000,
    }


def main(argv: list[str]) -> None:
    kind, path = argv[0], Path(argv[1])
    core = pin()
    cases = read_cases(path)
    if kind == "throughput":
        result = throughput(cases)
    elif kind == "latency":
        result = latency(cases, int(argv[2]))
    elif kind == "proselint":
        result = proselint(cases)
    else:
        raise SystemExit(f"unknown measurement {kind!r}")
    print(json.dumps(result | {"core": core}))


if __name__ == "__main__":
    main(sys.argv[1:])
