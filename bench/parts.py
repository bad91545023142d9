"""`python -m bench.parts`: where a draft's time goes, each step of `Linter.lint_many` timed alone.

    python -m bench.parts                  # a minute or two
    python -m bench.parts --n 200 --passes 1 --warmup 200

Each step is timed in CPU time on drafts it has not seen, as `python -m bench` sees each draft once:
every pass of every step takes the next slice of generated drafts, and the table gives the median
pass. The first drafts of a run meet many words, names and chunks of text for the first time, which
costs (the bench's first 2,000 take about 1.5 times as long as later ones); after the warm-up the
steps are timed in that later, steadier state. The table in docs/performance.md comes from it.
"""

from __future__ import annotations

import argparse
import collections
import gc
import statistics
import time
from collections.abc import Callable, Iterable, Iterator

from . import drafts
from .measure import pin, to_drafts

Work = Callable[[], object]


def drain(items: Iterable) -> None:
    """Consume items and keep none, as a batch that writes each report out does."""
    for _ in items:
        pass


def _cpu(work: Work) -> float:
    started = time.process_time()
    work()
    return time.process_time() - started


def _texts(part: list) -> list[str]:
    return [text for draft in part for text in (draft.reply, draft.complaint or "")]


# Each step: given the linter and a slice of drafts, prepare what it reads (untimed) and return the work.
def _tokenizer(linter, part: list) -> Work:
    from replylint import nlp

    texts, tokenizer = _texts(part), nlp.pipeline().tokenizer
    return lambda: drain(map(tokenizer, texts))


def _annotated(linter, part: list) -> Work:
    from replylint import nlp

    texts, pipeline = _texts(part), nlp.pipeline()
    return lambda: drain(pipeline.pipe(texts, batch_size=256))


def _matching(target: str) -> Callable[[object, list], Work]:
    def step(linter, part: list) -> Work:
        from replylint import nlp

        docs = list(nlp.pipeline().pipe(_texts(part), batch_size=256))
        parser = linter._parser  # the steps inside lint_many are private: this is a profile of them
        if target == "reply":
            return lambda: drain(map(parser.reply_index.find, docs[0::2]))
        return lambda: drain(map(parser.complaint_index.find, docs[1::2]))

    return step


def _verdict(linter, part: list) -> Work:
    from replylint import nlp

    parser = linter._parser
    messages = list(nlp.pipeline().pipe([draft.complaint or "" for draft in part], batch_size=256))
    cases = [(doc, parser.complaint_index.find(doc), draft.complaint) for doc, draft in zip(messages, part)]
    return lambda: [parser.classify(doc, hits, text) for doc, hits, text in cases]


def _parse(linter, part: list) -> Work:
    return lambda: drain(linter._parser.parse_many(part))


def _rules(linter, part: list) -> Work:
    parsed = list(linter._parser.parse_many(part))
    return lambda: drain(map(linter.evaluate, parsed))


def _whole(linter, part: list) -> Work:
    return lambda: drain(linter.lint_many(part))


STEPS: dict[str, Callable[[object, list], Work]] = {
    "tokenizer": _tokenizer,
    "tokenizer and annotator": _annotated,
    "phrase matching, reply": _matching("reply"),
    "phrase matching, message": _matching("message"),
    "complaint verdict": _verdict,
    "parse_many": _parse,
    "rules": _rules,
    "lint_many": _whole,
}


def measure(n: int = 1_000, passes: int = 3, warmup: int = 10_000, seed: int = 7) -> dict:
    """Return µs a draft for each step, garbage collection and each rule, and the rules run a draft."""
    import replylint

    slices = len(STEPS) * passes + 2
    every = to_drafts(drafts.generate(warmup + n * slices, seed=seed))
    fresh = (every[start : start + n] for start in range(warmup, len(every), n))
    linter = replylint.Linter()
    drain(linter.lint_many(every[:warmup]))
    times: dict[str, list[float]] = {name: [] for name in STEPS}
    names = list(STEPS)
    for number in range(passes):  # each pass in another order: later slices hold fewer new words
        for name in names[number % len(names) :] + names[: number % len(names)]:
            times[name].append(_cpu(STEPS[name](linter, next(fresh))))
    parts = {name: statistics.median(seconds) / n * 1e6 for name, seconds in times.items()}
    parts["garbage collection"] = _collecting(_whole(linter, next(fresh))) / n * 1e6
    rules, runs = _by_rule(linter, next(fresh))
    return {"drafts_a_pass": n, "passes": passes, "parts_us": parts, "rules_us": rules, "rules_run_per_draft": runs}


def _collecting(work: Work) -> float:
    """Return the CPU seconds the garbage collector took while work ran."""
    spent, started = [0.0], [0.0]

    def clock(phase: str, _info: dict) -> None:
        if phase == "start":
            started[0] = time.process_time()
        else:
            spent[0] += time.process_time() - started[0]

    gc.callbacks.append(clock)
    try:
        work()
    finally:
        gc.callbacks.remove(clock)
    return spent[0]


def _by_rule(linter, part: list) -> tuple[dict[str, float], float]:
    """Return each rule's µs a draft as the engine runs it (a rule that cannot report is not run),
    most first, and how many rules run on a draft."""
    spent: collections.Counter[str] = collections.Counter()
    runs: collections.Counter[str] = collections.Counter()

    def clocked(rule_id: str, run: Callable) -> Callable:
        def run_timed(doc, rule) -> Iterator:
            started = time.process_time()
            findings = list(run(doc, rule))
            spent[rule_id] += time.process_time() - started
            runs[rule_id] += 1
            return iter(findings)

        return run_timed

    parsed = list(linter._parser.parse_many(part))
    original = linter._runs
    linter._runs = [(rule, clocked(rule.id, run)) for rule, run in original]
    try:
        drain(map(linter.evaluate, parsed))
    finally:
        linter._runs = original
    count = len(parsed)
    return {rule: seconds / count * 1e6 for rule, seconds in spent.most_common()}, sum(runs.values()) / count


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(prog="python -m bench.parts", description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1_000, help="drafts a pass (default 1,000)")
    parser.add_argument("--passes", type=int, default=3, help="passes of each step, each on new drafts (default 3)")
    parser.add_argument("--warmup", type=int, default=10_000, help="drafts linted first (default 10,000)")
    parser.add_argument("--seed", type=int, default=7, help="seed of the generated drafts (default 7)")
    args = parser.parse_args(argv)
    pin()
    result = measure(args.n, args.passes, args.warmup, args.seed)
    for name, micros in result["parts_us"].items():
        print(f"{name:28s} {micros:7.0f} µs a draft")
    print(f"rules run on a draft: {result['rules_run_per_draft']:.1f} of the pack; the ten that take most:")
    for rule, micros in list(result["rules_us"].items())[:10]:
        print(f"  {rule:26s} {micros:7.1f} µs a draft")
    return result


if __name__ == "__main__":
    main()
