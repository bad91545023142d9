"""`python -m bench`: throughput, latency, memory, cold starts and --jobs of replylint, beside proselint.

    python -m bench                          # 10,000 drafts, 5,000 single calls: a few minutes
    python -m bench --quick                  # a smoke run: 300 drafts, fewer repeats
    python -m bench --json bench.json --write-docs

Run from the checkout, with `pip install -e '.[bench]'` (proselint and pyinstrument). Every
in-process figure comes from its own subprocess pinned to one core; see docs/performance.md.
"""

from __future__ import annotations

import argparse
import datetime
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from . import drafts, processes, report

ROOT = Path(__file__).resolve().parent.parent


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, help="drafts to generate (default 10,000; 300 with --quick)")
    parser.add_argument("--singles", type=int, help="single-draft calls for latency (default 5,000; 500 with --quick)")
    parser.add_argument("--runs", type=int, help="runs of each cold start (default 10; 2 with --quick)")
    parser.add_argument("--jobs-n", type=int, help="drafts for the --jobs comparison (default 20,000; 600 with --quick)")
    parser.add_argument("--seed", type=int, default=7, help="seed of the generated drafts (default 7)")
    parser.add_argument("--quick", action="store_true", help="small sizes, for a smoke run")
    parser.add_argument("--no-proselint", action="store_true", help="skip proselint even when it is installed")
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write every figure as JSON to FILE")
    parser.add_argument("--write-docs", action="store_true", help="update the table in docs/performance.md")
    args = parser.parse_args(argv)
    quick = args.quick
    args.n = args.n or (300 if quick else 10_000)
    args.singles = args.singles or (500 if quick else 5_000)
    args.runs = args.runs or (2 if quick else 10)
    args.jobs_n = args.jobs_n or (600 if quick else 20_000)
    return args


def measure(kind: str, cases: Path, *extra: str) -> dict:
    """Run one in-process measurement in its own pinned subprocess (bench/measure.py) and return its JSON."""
    command = [sys.executable, "-m", "bench.measure", kind, str(cases), *extra]
    done = subprocess.run(command, cwd=ROOT, env=processes._env(), capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"bench.measure {kind} failed:\n{done.stderr[-2000:]}")
    return json.loads(done.stdout.splitlines()[-1])


def step(message: str) -> None:
    print(f"bench: {message}", file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> dict:
    args = parse_args(argv)
    started = datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds")
    figures: dict = {"version": 1, "date": started, "machine": report.machine()}
    figures["settings"] = {k: getattr(args, k) for k in ("n", "singles", "runs", "jobs_n", "seed", "quick")}
    with_proselint = not args.no_proselint and processes.proselint_command() is not None
    pools = drafts.load_pools()
    cases = drafts.generate(args.n, args.seed, pools)
    words = [len(case["reply"].split()) for case in cases]
    figures["inputs"] = {"drafts": len(cases), "words_min": min(words), "words_median": statistics.median(words),
                         "words_max": max(words), "source": "corpus/dev sentences, recombined"}
    with tempfile.TemporaryDirectory(prefix="replylint-bench-") as scratch:
        work = Path(scratch)
        jsonl = drafts.write_jsonl(cases, work / "drafts.jsonl")
        folder = drafts.write_texts(cases, work / "replies")
        one = folder / f"{cases[0]['id']}.txt"
        ours: dict = {}
        step(f"throughput over {len(cases):,} drafts")
        ours["throughput"] = measure("throughput", jsonl)
        step(f"latency of {args.singles:,} single calls")
        ours["latency"] = measure("latency", jsonl, str(args.singles))
        step(f"cold starts, {args.runs} runs each")
        ours["cold_start"] = processes.cold_starts(one, args.runs)
        step("the CLI over a folder and a JSON Lines file")
        ours["cli"] = {
            "folder": processes.over_inputs(processes.replylint_command("check", str(folder), "--format", "json"),
                                            len(cases)),
            "jsonl": processes.over_inputs(processes.replylint_command("check", str(jsonl), "--format", "json"),
                                           len(cases)),
        }
        step(f"--jobs 1 and 2 over {args.jobs_n:,} drafts")
        big = drafts.write_jsonl(drafts.generate(args.jobs_n, args.seed + 1, pools), work / "big.jsonl")
        ours["jobs"] = processes.jobs(big, args.jobs_n)
        figures["replylint"] = ours
        figures["proselint"] = None
        if with_proselint:
            step("proselint in process, its cold starts, and its CLI over the same folder")
            figures["proselint"] = {
                "throughput": measure("proselint", jsonl),
                "cold_start": processes.proselint_cold_starts(one, args.runs),
                "cli": {"folder": processes.over_inputs(processes.proselint_command("check", str(folder)),
                                                        len(cases))},
            }
    figures["ratios"] = ratios(figures)
    figures["targets"] = report.targets(figures)
    text = report.table(figures)
    print(text, end="")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    if args.write_docs:
        report.write_docs(ROOT / "docs" / "performance.md", text)
    return figures


def ratios(figures: dict) -> dict | None:
    """Return replylint's speed over proselint's: throughput, p50 latency, the CLI over a folder."""
    ours, theirs = figures["replylint"], figures["proselint"]
    if theirs is None:
        return None
    return {
        "throughput_in_process": ours["throughput"]["replies_per_s"] / theirs["throughput"]["replies_per_s"],
        "latency_p50": theirs["throughput"]["latency"]["p50_ms"] / ours["latency"]["p50_ms"],
        "cli_folder": ours["cli"]["folder"]["replies_per_s"] / theirs["cli"]["folder"]["replies_per_s"],
        "cold_start_check": theirs["cold_start"]["check one.txt"]["median_s"]
        / ours["cold_start"]["check one.txt"]["median_s"],
    }


if __name__ == "__main__":
    main()
