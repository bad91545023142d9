"""The machine, the targets, and the figures as a Markdown table (printed, and kept in docs/performance.md)."""

from __future__ import annotations

import os
import platform
import sys
from importlib import metadata
from pathlib import Path

BEGIN, END = "<!-- bench:begin -->", "<!-- bench:end -->"


def machine() -> dict:
    """Return what the figures depend on: CPU, cores, Python and library versions, load."""

    def version(name: str) -> str | None:
        try:
            return metadata.version(name)
        except metadata.PackageNotFoundError:
            return None

    from replylint import __version__

    return {
        "cpu": _cpu_model(),
        "logical_cores": os.cpu_count(),
        "usable_cores": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count(),
        "platform": platform.platform(),
        "python": sys.version.split()[0],
        "replylint": __version__,
        "spacy": version("spacy"),
        "proselint": version("proselint"),
        "load_average": os.getloadavg() if hasattr(os, "getloadavg") else None,
    }


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def targets(figures: dict) -> list[dict]:
    """Return each target of issue 7 with the measured value and whether it is met."""
    ours = figures["replylint"]
    rows = [
        ("throughput, full pack, one core", ">= 1500 replies/s", ours["throughput"]["replies_per_s"], 1500, True),
        ("latency p99 in process", "<= 2 ms", ours["latency"]["p99_ms"], 2.0, False),
        ("cold start `check one.txt`", "<= 1.2 s", ours["cold_start"]["check one.txt"]["median_s"], 1.2, False),
        ("cold start `--version`", "<= 0.3 s", ours["cold_start"]["--version"]["median_s"], 0.3, False),
        ("cold start `--help`", "<= 0.3 s", ours["cold_start"]["--help"]["median_s"], 0.3, False),
    ]
    ratio = (figures.get("ratios") or {}).get("throughput_in_process")
    if ratio is not None:
        rows.append(("throughput vs proselint in process", ">= 5x", ratio, 5.0, True))
    return [
        {"target": name, "goal": goal, "value": round(value, 3), "met": value >= limit if higher else value <= limit}
        for name, goal, value, limit, higher in rows
    ]


def table(figures: dict) -> str:
    """Render the figures as Markdown: inputs, replylint, proselint, ratios, targets and the machine."""
    ours, theirs, m = figures["replylint"], figures.get("proselint"), figures["machine"]
    inputs, tp, lat = figures["inputs"], ours["throughput"], ours["latency"]
    lines = [
        (
            f"Inputs: {inputs['drafts']:,} drafts (seed {figures['settings']['seed']}), {inputs['words_min']}-"
            f"{inputs['words_max']} words (median {inputs['words_median']:g}), each with the customer's message "
            "and record."
        ),
        "",
        "| measure | replylint | proselint | replylint's speed / proselint's |",
        "|---|---:|---:|---:|",
    ]

    def row(name: str, mine: str, other: str = "-", ratio: float | None = None) -> None:
        lines.append(f"| {name} | {mine} | {other} | {f'{ratio:.1f}x' if ratio else '-'} |")

    ratios = figures.get("ratios") or {}
    row("throughput in process, one core (replies/s)", f"{tp['replies_per_s']:,.0f}",
        f"{theirs['throughput']['replies_per_s']:,.0f}" if theirs else "-", ratios.get("throughput_in_process"))
    row("latency per reply in process, p50 / p99 (ms)", f"{lat['p50_ms']:.2f} / {lat['p99_ms']:.2f}",
        f"{theirs['throughput']['latency']['p50_ms']:.2f} / {theirs['throughput']['latency']['p99_ms']:.2f}"
        if theirs else "-", ratios.get("latency_p50"))
    row("peak memory, throughput run (MB)", f"{tp['peak_rss_mb']:.0f}",
        f"{theirs['throughput']['peak_rss_mb']:.0f}" if theirs else "-")
    row("peak memory, latency run (MB)", f"{lat['peak_rss_mb']:.0f}")
    row("linter load in process (s)", f"{tp['linter_load_s']:.2f}")
    for name, timing in ours["cold_start"].items():
        other = (theirs or {}).get("cold_start", {}).get({"--version": "version"}.get(name, name)) if theirs else None
        ratio = other["median_s"] / timing["median_s"] if other else None
        row(f"cold start `{name}`, median of {timing['runs']} (s)", f"{timing['median_s']:.2f}",
            f"{other['median_s']:.2f}" if other else "-", ratio)
    cli = ours["cli"]
    row(f"CLI over a folder of {cli['folder']['drafts']:,} .txt replies (replies/s)",
        f"{cli['folder']['replies_per_s']:,.0f}",
        f"{theirs['cli']['folder']['replies_per_s']:,.0f}" if theirs else "-", ratios.get("cli_folder"))
    row(f"CLI over one JSON Lines file, {cli['jsonl']['drafts']:,} drafts with message and record (replies/s)",
        f"{cli['jsonl']['replies_per_s']:,.0f}")
    jobs = ours.get("jobs")
    if jobs:
        row(f"`check --jobs 2` over {jobs['drafts']:,} drafts, {jobs['cores']} cores: speed-up over `--jobs 1`",
            f"{jobs['speedup']:.2f}x ({jobs['jobs_1']['replies_per_s']:,.0f} -> {jobs['jobs_2']['replies_per_s']:,.0f}"
            f" replies/s{', same output' if jobs['same_output'] else ', OUTPUT DIFFERS'})")
    skipped = sum(run.get("rules_skipped", 0) for run in (cli["folder"], cli["jsonl"], *(
        jobs[key] for key in ("jobs_1", "jobs_2") if jobs)))
    if skipped:
        times = "once" if skipped == 1 else f"{skipped} times"
        note = (f"During the CLI runs a rule regex ran past its time budget {times} (that rule was "
                "skipped on that draft, exit status 2): a sign of a loaded machine.")
        lines += ["", note]
    lines += ["", "| target | goal | measured | met |", "|---|---|---:|---|"]
    for target in figures["targets"]:
        lines.append(f"| {target['target']} | {target['goal']} | {target['value']:g} | {'yes' if target['met'] else 'no'} |")
    load = ", ".join(f"{x:.2f}" for x in m["load_average"]) if m["load_average"] else "n/a"
    lines += [
        "",
        (
            f"Machine: {m['cpu']}, {m['logical_cores']} logical cores ({m['usable_cores']} usable); "
            f"{m['platform']}; Python {m['python']}, spaCy {m['spacy']}, proselint "
            f"{m['proselint'] or 'not installed'}; replylint {m['replylint']}; load average at start {load}; "
            f"{figures['date']}."
        ),
    ]
    return "\n".join(lines) + "\n"


def write_docs(path: Path, text: str) -> None:
    """Put text between the bench markers of path (the rest of the page is prose, kept as written)."""
    block = f"{BEGIN}\n{text}{END}"
    page = path.read_text(encoding="utf-8") if path.exists() else f"# Performance\n\n{BEGIN}\n{END}\n"
    if BEGIN in page and END in page:
        head, _, rest = page.partition(BEGIN)
        _, _, tail = rest.partition(END)
        page = head + block + tail
    else:
        page = page.rstrip("\n") + "\n\n" + block + "\n"
    path.write_text(page, encoding="utf-8")
