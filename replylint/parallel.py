"""`check --jobs N`: lint chunks of drafts in worker processes, one Linter each, and report in input order.

The parent reads the inputs and resolves configs (no spaCy), sends chunks of drafts to the workers, and
yields each chunk's reports in the order it was read, so the output is the same as with one process.
spaCy's own `nlp.pipe(n_process=2)` was measured slower than one process here: the win comes from
running the rules in parallel too, not only the tokenizer.
"""

from __future__ import annotations

import collections
import itertools
import multiprocessing
import os
import sys
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from types import MappingProxyType

from .batch import Linters, lint_sources
from .config import Config
from .errors import ReplylintError
from .inputs import Source
from .model import Customer, Draft, Report

CHUNK = 256  # drafts per task: one spaCy batch, and few enough round trips that pickling stays cheap
AHEAD = 2  # chunks queued per worker, so none waits while the parent collects results

_linters: Linters | None = None  # in a worker: its rule sets and Linters, built once


def cpus() -> int:
    """Return the number of cores this process may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def lint_sources_parallel(
    items: Iterable[Source | ReplylintError], linters: Linters, jobs: int
) -> Iterator[tuple[Source, Report, Config] | ReplylintError]:
    """Like batch.lint_sources, with `jobs` worker processes (0: one per core)."""
    jobs = jobs or cpus()
    items = iter(items)
    first = _take(items)
    if jobs == 1 or sum(not isinstance(item, ReplylintError) for item in first) < CHUNK:
        # One process, or everything fits in one chunk: a pool would only add its start-up.
        yield from lint_sources(itertools.chain(first, items), linters)
        return
    # On Linux, fork hands each worker the configs already read (the parent has not loaded spaCy);
    # elsewhere fork is unsafe or absent, and each spawned worker reads its own.
    fork = sys.platform.startswith("linux")
    context = multiprocessing.get_context("fork" if fork else "spawn")
    inherited = linters if fork else None
    settings = (linters.config_file, linters.disable, linters.template)
    pending: collections.deque[tuple[list, Future | None]] = collections.deque()
    with ProcessPoolExecutor(jobs, mp_context=context, initializer=_start, initargs=(settings, inherited)) as pool:
        chunk = first
        while chunk:
            pending.extend(_submit(pool, chunk))
            while sum(future is not None for _, future in pending) > jobs * AHEAD:
                yield from _collect(pending.popleft(), linters)
            chunk = _take(items)
        while pending:
            yield from _collect(pending.popleft(), linters)


def _take(items: Iterator[Source | ReplylintError]) -> list[Source | ReplylintError]:
    """Return the next items up to CHUNK drafts (errors ride along, to keep their place in the output)."""
    taken: list[Source | ReplylintError] = []
    drafts = 0
    for item in items:
        taken.append(item)
        drafts += not isinstance(item, ReplylintError)
        if drafts >= CHUNK:
            break
    return taken


def _submit(pool: ProcessPoolExecutor, chunk: list) -> Iterator[tuple[list, Future | None]]:
    """Yield (errors, None) and (sources, future) parts of a chunk, in order."""
    run: list[Source] = []
    for item in chunk:
        if isinstance(item, ReplylintError):
            if run:
                yield run, _send(pool, run)
                run = []
            yield [item], None
        else:
            run.append(item)
    if run:
        yield run, _send(pool, run)


def _send(pool: ProcessPoolExecutor, sources: list[Source]) -> Future:
    # A forked worker flushes the stdio buffers it inherited: flush first, so nothing is printed twice.
    sys.stdout.flush()
    sys.stderr.flush()
    return pool.submit(_lint_chunk, [(source.path, _pack(source.draft)) for source in sources])


def _collect(part: tuple[list, Future | None], linters: Linters) -> Iterator[tuple[Source, Report, Config] | ReplylintError]:
    items, future = part
    if future is None:
        yield from items
        return
    outcome = future.result()
    if isinstance(outcome, tuple):  # a user error in the worker: raise it here, with its file and line
        kind, message, path, line = outcome
        raise kind(message, path, line)
    for source, report in zip(items, outcome, strict=True):
        yield source, report, linters.config_for(source.path)


def _start(settings: tuple, inherited: Linters | None) -> None:
    global _linters
    _linters = inherited if inherited is not None else Linters(*settings)


def _lint_chunk(packed: list[tuple[str, tuple]]) -> list[Report] | tuple:
    """Lint one chunk in a worker; return its reports, or a user error as (class, message, path, line)."""
    sources = [Source(path, _unpack(draft)) for path, draft in packed]
    try:
        return [report for _, report, _ in lint_sources(sources, _linters)]
    except ReplylintError as exc:  # exceptions pickle their args only: keep the file and line
        return type(exc), exc.message, exc.path, exc.line


def _pack(draft: Draft) -> tuple:
    """Return a draft as plain values (a Customer's read-only mapping cannot be pickled)."""
    customer = draft.customer
    record = (customer.name, dict(customer.fields)) if customer is not None else None
    return draft.reply, draft.complaint, record, draft.id, draft.template


def _unpack(packed: tuple) -> Draft:
    reply, complaint, record, id_, template = packed
    customer = Customer(record[0], MappingProxyType(record[1])) if record is not None else None
    return Draft(reply, complaint, customer, id_, template)
