"""Read drafts from text files, stdin, case files (.yaml/.json), JSON Lines and directories."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from . import yamlfile
from .engine import check_draft
from .errors import InputError, ReplylintError
from .model import Customer, Draft
from .sourcemap import SourceMap

CASE_SUFFIXES = {".yaml", ".yml", ".json"}
TEXT_SUFFIXES = {".txt", ".md", ".text"}
CASE_KEYS = ("id", "reply", "complaint", "customer", "expect", "why")


@dataclass(frozen=True, slots=True)
class Source:
    """One draft and where it came from."""

    path: str  # the file, or "-" for stdin
    draft: Draft
    entry: int | None = None  # line of the case in a JSON Lines file
    expect: tuple[str, ...] | None = None  # labelled categories, when the case has them
    why: str | None = None  # the label's reason, when the case gives one
    origin: SourceMap | None = None  # where the reply sits in the file, when it is not the whole file


@dataclass(frozen=True, slots=True)
class Context:
    """What the command line says about the customer, for drafts that do not say it themselves."""

    complaint: str | None = None
    customer: Customer | None = None


def read_sources(paths: Sequence[str], context: Context = Context()) -> Iterator[Source | ReplylintError]:
    """Yield every draft under paths; an unreadable draft is yielded as its error and reading goes on."""
    for name in paths:
        if name == "-":
            yield _guard(lambda: _text(sys.stdin.buffer.read(), "-", context))
            continue
        path = Path(name)
        if path.is_dir():
            for file in walk(path):
                yield from _file(file, context)
        elif path.exists():
            yield from _file(path, context)
        else:
            yield InputError("no such file or directory", name)


def walk(directory: Path) -> Iterator[Path]:
    """Yield lintable files under directory, sorted, skipping hidden ones; symlinked folders are not followed."""
    suffixes = CASE_SUFFIXES | TEXT_SUFFIXES | {".jsonl"}
    for root, dirs, files in os.walk(directory, onerror=None):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith(".") and Path(name).suffix.lower() in suffixes:
                yield Path(root) / name


def _guard(make) -> Source | ReplylintError:
    try:
        return make()
    except ReplylintError as exc:
        return exc


def _file(path: Path, context: Context) -> Iterator[Source | ReplylintError]:
    suffix = path.suffix.lower()
    try:
        data = path.read_bytes()
    except OSError as exc:
        yield InputError(f"cannot read: {exc.strerror or exc}", path)
        return
    if suffix == ".jsonl":
        yield from _jsonl(data, path, context)
    elif suffix in CASE_SUFFIXES:
        yield _guard(lambda: _case_file(data, path, context))
    else:
        yield _guard(lambda: _text(data, str(path), context))


def _text(data: bytes, name: str, context: Context) -> Source:
    draft = Draft(yamlfile.decode(data, name, InputError), context.complaint, context.customer)
    return Source(name, _checked(draft, name))


def _checked(draft: Draft, name: str, line: int | None = None) -> Draft:
    try:
        return check_draft(draft)
    except InputError as exc:
        raise InputError(exc.message, name, line) from None


def _case_file(data: bytes, path: Path, context: Context) -> Source:
    text = yamlfile.decode(data, path, InputError)
    if path.suffix.lower() == ".json":
        try:
            case = json.loads(text)
        except json.JSONDecodeError as exc:
            raise InputError(f"invalid JSON: {exc.msg}", path, exc.lineno) from None
    else:
        case = yamlfile.loads(text, path, InputError)
    return case_source(case, str(path), None, context)


def _jsonl(data: bytes, path: Path, context: Context) -> Iterator[Source | ReplylintError]:
    try:
        text = yamlfile.decode(data, path, InputError)
    except ReplylintError as exc:
        yield exc
        return
    for number, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        try:
            case = json.loads(line)
        except json.JSONDecodeError as exc:
            yield InputError(f"invalid JSON at column {exc.colno}: {exc.msg}", path, number)
            continue
        try:
            yield case_source(case, str(path), number, context)
        except ReplylintError as exc:
            yield exc


def case_source(case: object, path: str, entry: int | None, context: Context) -> Source:
    """Build a Source from one case mapping (keys: id, reply, complaint, customer; expect, why)."""
    line = entry or 1
    if not isinstance(case, Mapping):
        raise InputError("a case must be a mapping with at least 'reply'", path, line)
    for key in case:
        if key not in CASE_KEYS:
            raise InputError(f"unknown key {key!r} in case (known: {', '.join(CASE_KEYS)})", path, line)
    reply, complaint = case.get("reply"), case.get("complaint", context.complaint)
    if not isinstance(reply, str):
        raise InputError("a case needs 'reply' as text", path, line)
    if complaint is not None and not isinstance(complaint, str):
        raise InputError("'complaint' must be text", path, line)
    customer = case.get("customer")
    if isinstance(customer, str):
        customer = Customer(name=customer)
    elif isinstance(customer, Mapping):
        customer = Customer.from_mapping(customer)
    elif customer is None:
        customer = context.customer
    else:
        raise InputError("'customer' must be a name or a mapping such as {name: ...}", path, line)
    expect = case.get("expect")
    if expect is not None and not (isinstance(expect, list) and all(isinstance(e, str) for e in expect)):
        raise InputError("'expect' must be a list of category ids", path, line)
    case_id, why = case.get("id"), case.get("why")
    draft = Draft(reply, complaint or None, customer, str(case_id) if case_id is not None else None)
    labels = tuple(expect) if expect is not None else None
    return Source(path, _checked(draft, path, line), entry, labels, str(why) if why else None)


def read_customer(path: Path) -> Customer:
    """Read a customer record from a YAML or JSON file."""
    record = yamlfile.load(path, InputError)
    if not isinstance(record, Mapping):
        raise InputError("a customer record must be a mapping such as {name: ..., order: ...}", path, 1)
    return Customer.from_mapping(record)
