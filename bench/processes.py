"""Whole-process timings: cold starts, the CLI over a folder or a JSON Lines file, and --jobs."""

from __future__ import annotations

import hashlib
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def replylint_command(*args: str) -> list[str]:
    """Return the command that runs this checkout's replylint (as `python -m replylint`)."""
    return [sys.executable, "-m", "replylint", *args]


def proselint_command(*args: str) -> list[str] | None:
    """Return proselint's command line, or None when it is not installed next to this Python."""
    script = Path(sys.executable).parent / "proselint"
    found = str(script) if script.exists() else shutil.which("proselint")
    return [found, *args] if found else None


def _env() -> dict[str, str]:
    # The checkout first on the path, and no colour or CI detection changing what is printed.
    env = {k: v for k, v in os.environ.items() if k not in ("GITHUB_ACTIONS", "REPLYLINT_DEBUG")}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    return env


def _pinned() -> None:
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})


def run(command: list[str], one_core: bool = True, capture: bool = False) -> tuple[float, int, bytes, int]:
    """Run command once from the checkout; return (seconds, exit status, stdout when captured, rules skipped)."""
    started = time.perf_counter()
    done = subprocess.run(
        command,
        cwd=ROOT,
        env=_env(),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE if capture else subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        preexec_fn=_pinned if one_core else None,
        check=False,
    )
    seconds = time.perf_counter() - started
    errors = done.stderr.decode(errors="replace").splitlines()
    # A rule regex past its time budget (a loaded machine can push a slow one over) skips that rule on
    # that draft and exits 2: count it, and report it beside the figures rather than fail the run.
    skipped = sum("took longer than" in line for line in errors)
    if done.returncode not in (0, 1) and not (done.returncode == 2 and skipped == len(errors)):
        raise RuntimeError(f"{' '.join(command)} exited {done.returncode}: {done.stderr.decode()[-400:]}")
    return seconds, done.returncode, done.stdout if capture else b"", skipped


def repeat(command: list[str], runs: int, one_core: bool = True) -> dict:
    """Run command `runs` times; return min, median and mean seconds."""
    times = [run(command, one_core)[0] for _ in range(runs)]
    return {"runs": runs, "min_s": min(times), "median_s": statistics.median(times), "mean_s": statistics.fmean(times)}


def cold_starts(one: Path, runs: int) -> dict:
    """Time `replylint --version`, `--help`, `rules` and `check one.txt` as whole processes."""
    return {
        "--version": repeat(replylint_command("--version"), runs),
        "--help": repeat(replylint_command("--help"), runs),
        "rules": repeat(replylint_command("rules"), runs),
        "check one.txt": repeat(replylint_command("check", str(one)), runs),
    }


def proselint_cold_starts(one: Path, runs: int) -> dict | None:
    version, check = proselint_command("version"), proselint_command("check", str(one))
    if version is None or check is None:
        return None
    return {"version": repeat(version, runs), "check one.txt": repeat(check, runs)}


def over_inputs(command: list[str], drafts: int) -> dict:
    """Time one process linting `drafts` drafts; return seconds and drafts per second."""
    seconds, status, _, skipped = run(command)
    return {"drafts": drafts, "seconds": seconds, "replies_per_s": drafts / seconds, "exit": status,
            "rules_skipped": skipped}


def jobs(jsonl: Path, drafts: int, counts: tuple[int, ...] = (1, 2)) -> dict:
    """Time `replylint check big.jsonl --format json --jobs N` for each N, on every core; outputs must agree."""
    result: dict = {"drafts": drafts, "cores": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()}
    digests = set()
    for count in counts:
        command = replylint_command("check", str(jsonl), "--format", "json", "--jobs", str(count))
        seconds, _, output, skipped = run(command, one_core=False, capture=True)
        digests.add(hashlib.sha256(output).hexdigest())
        result[f"jobs_{count}"] = {"seconds": seconds, "replies_per_s": drafts / seconds, "rules_skipped": skipped}
    result["same_output"] = len(digests) == 1
    first, last = counts[0], counts[-1]
    result["speedup"] = result[f"jobs_{first}"]["seconds"] / result[f"jobs_{last}"]["seconds"]
    return result
