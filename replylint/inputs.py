"""Read drafts from text, HTML, Markdown and .eml files, stdin, case files, JSON Lines and directories."""

from __future__ import annotations

import json
import os
import stat
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from . import markup, yamlfile
from .engine import MAX_REPLY_CHARS, check_draft
from .errors import InputError, ReplylintError
from .markup import email, fields
from .model import Customer, Draft
from .sourcemap import SourceMap

CASE_SUFFIXES = {".yaml", ".yml", ".json"}
TEXT_SUFFIXES = {".txt", ".text", ".liquid", ".hbs", ".handlebars", ".mustache", ".j2", ".jinja", ".tmpl"}
MARKUP_SUFFIXES = {".html": "html", ".htm": "html", ".md": "markdown", ".markdown": "markdown"}
EMAIL_SUFFIXES = {".eml"}
# A file read as one draft (or a template's fields) is refused past this size before it is decoded or
# its markup parsed: a reply is at most MAX_REPLY_CHARS characters, and 10 MB of HTML took 6 s and
# 700 MB to find that out. A JSON Lines batch holds many drafts, so only absurd sizes are refused.
MAX_DRAFT_BYTES = 8 * 2**20
MAX_BATCH_BYTES = 1024 * 2**20
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
class Reading:
    """How the config says to read one file."""

    template: bool = False  # engine placeholders are expected
    fields: tuple[str, ...] = ()  # in a YAML/JSON file, lint these fields' text rather than read a case
    markup: str = "auto"  # auto (by suffix), text, html or markdown


Settings = Callable[[Path], "Reading | None"]  # None: the file is ignored


@dataclass(frozen=True, slots=True)
class Context:
    """What the command line says about the customer, for drafts that do not say it themselves."""

    complaint: str | None = None
    customer: Customer | None = None


def read_sources(
    paths: Sequence[str], context: Context = Context(), settings: Settings = lambda path: Reading()
) -> Iterator[Source | ReplylintError]:
    """Yield every draft under paths; an unreadable draft is yielded as its error and reading goes on."""
    for name in paths:
        if name == "-":
            reading = settings(Path.cwd() / "-") or Reading()
            yield _guard(lambda reading=reading: _text(_read_stdin(), "-", context, reading))
            continue
        path = Path(name)
        # A dangling symlink does not exist, but is named: reading it says why it cannot be read.
        files = walk(path) if path.is_dir() else [path] if path.exists() or path.is_symlink() else None
        if files is None:
            yield InputError("no such file or directory", name)
            continue
        for file in files:
            if isinstance(file, InputError):
                yield file
                continue
            reading = settings(file)
            if reading is not None:
                yield from _file(file, context, reading)


def walk(directory: Path) -> Iterator[Path | InputError]:
    """Yield lintable files under directory, sorted, skipping hidden ones; a folder that cannot be listed
    is yielded as its error. Symlinked folders are not followed, so a link to a parent cannot loop."""
    suffixes = CASE_SUFFIXES | TEXT_SUFFIXES | MARKUP_SUFFIXES.keys() | EMAIL_SUFFIXES | {".jsonl"}
    unlisted: list[OSError] = []
    for root, dirs, files in os.walk(directory, onerror=unlisted.append):
        yield from _unlisted(unlisted)
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            file = Path(root) / name
            if not name.startswith(".") and file.suffix.lower() in suffixes and _not_special(file):
                yield file
    yield from _unlisted(unlisted)


def _unlisted(errors: list[OSError]) -> Iterator[InputError]:
    while errors:
        error = errors.pop(0)
        yield InputError(f"cannot read folder: {error.strerror or error}", error.filename)


def _not_special(path: Path) -> bool:
    """A pipe or a device named like a draft is skipped: reading it could wait, or run, forever."""
    try:
        return stat.S_ISREG(path.stat().st_mode)
    except OSError:
        return True  # a dangling or looping link, or no permission: reading it reports why


def _read_capped(path: Path, limit: int) -> bytes:
    """Read at most limit bytes; more is an InputError (this also stops /dev/zero)."""
    with path.open("rb") as handle:
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise InputError(f"larger than {limit // 2**20} MiB: too big to lint (a draft is at most "
                         f"{MAX_REPLY_CHARS:,} characters)", path)
    return data


def _read_stdin() -> bytes:
    data = sys.stdin.buffer.read(MAX_DRAFT_BYTES + 1)
    if len(data) > MAX_DRAFT_BYTES:
        raise InputError(f"larger than {MAX_DRAFT_BYTES // 2**20} MiB: too big to lint", "-")
    return data


def _guard(make) -> Source | ReplylintError:
    try:
        return make()
    except ReplylintError as exc:
        return exc


def _file(path: Path, context: Context, reading: Reading) -> Iterator[Source | ReplylintError]:
    suffix = path.suffix.lower()
    try:
        data = _read_capped(path, MAX_BATCH_BYTES if suffix == ".jsonl" else MAX_DRAFT_BYTES)
    except OSError as exc:
        yield InputError(f"cannot read: {exc.strerror or exc}", path)
        return
    except InputError as exc:
        yield exc
        return
    if suffix == ".jsonl":
        yield from _jsonl(data, path, context)
    elif suffix in EMAIL_SUFFIXES:
        yield _guard(lambda: _email(data, path, context, reading))
    elif suffix in CASE_SUFFIXES and reading.fields:
        yield from _fields(data, path, context, reading)
    elif suffix in CASE_SUFFIXES:
        yield _guard(lambda: _case_file(data, path, context))
    else:
        yield _guard(lambda: _text(data, str(path), context, reading))


def _markup(reading: Reading, name: str) -> str:
    """Return the markup a file is written in: the config's, or by default its suffix's."""
    if reading.markup != "auto":
        return reading.markup
    return MARKUP_SUFFIXES.get(Path(name).suffix.lower(), "text")


def _text(data: bytes, name: str, context: Context, reading: Reading) -> Source:
    text = yamlfile.decode(data, name, InputError)
    extract = markup.EXTRACTORS.get(_markup(reading, name))
    origin = None
    if extract is not None:
        text, origin = extract(text)
    draft = Draft(text, context.complaint, context.customer, template=reading.template)
    return Source(name, _checked(draft, name), origin=origin)


def _fields(data: bytes, path: Path, context: Context, reading: Reading) -> Iterator[Source | ReplylintError]:
    """Yield one source per configured field of a YAML or JSON file (a template's subject and body)."""
    try:
        text = yamlfile.decode(data, path, InputError)
        kind = _markup(reading, "field.txt")
        found = fields.extract_fields(text, path, reading.fields, None if kind == "text" else kind)
    except ReplylintError as exc:
        yield exc
        return
    for field_ in found:
        if not field_.text.strip():
            continue  # an empty subject is no draft
        draft = Draft(field_.text, context.complaint, context.customer, field_.name, reading.template)
        yield _guard(lambda draft=draft, field_=field_: Source(
            str(path), _checked(draft, str(path), field_.line), origin=field_.origin
        ))


def _email(data: bytes, path: Path, context: Context, reading: Reading) -> Source:
    """Read an .eml file: the reply from its body, the customer from To:, the complaint from the quote."""
    mail = email.read_eml(data, path)
    customer = context.customer or (Customer(name=mail.customer_name) if mail.customer_name else None)
    draft = Draft(mail.reply, context.complaint or mail.complaint, customer, template=reading.template)
    return Source(str(path), _checked(draft, str(path)), origin=mail.origin)


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
    yamlfile.check_keys(case, CASE_KEYS, path, InputError, " in case", line)
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
