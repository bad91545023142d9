"""Turn a YAML mapping into a check's frozen Options dataclass, validating every value."""

from __future__ import annotations

import dataclasses
import keyword
import math
import re
import reprlib
import types
import typing
from collections.abc import Mapping
from pathlib import Path

from . import nlp, regexes, yamlfile
from .errors import ReplylintError, RuleError
from .nlp import TokenPattern

# A phrase, word or regex this long is a mistake (or an attack): spaCy refuses texts over 1,000,000
# characters, and every draft pays for every phrase.
MAX_OPTION_CHARS = 10_000


def _line(container: object, key: object, default: int | None) -> int | None:
    line_of = getattr(container, "line_of", None)
    return line_of(key) if line_of else default


def build(cls: type, raw: object, path: str | Path | None, line: int | None, what: str = "options"):
    """Return cls(**raw) with every field checked against its type hint."""
    if raw is None:
        raw = {}
    if not isinstance(raw, Mapping):
        raise RuleError(f"{what} must be a mapping", path, line)
    hints = typing.get_type_hints(cls)
    fields = {f.name: f.name.rstrip("_").replace("_", "-") for f in dataclasses.fields(cls)}
    values = {}
    for key, value in raw.items():
        name = field_name(key) if field_name(key) in fields else None
        key_line = _line(raw, key, line)
        if name is None:
            known = ", ".join(sorted(fields.values())) or "none"
            raise RuleError(f"unknown key {key!r} in {what} (known: {known})", path, key_line)
        values[name] = convert(hints[name], value, path, key_line, f"{what}.{key}")
    for field in dataclasses.fields(cls):
        required = field.default is dataclasses.MISSING and field.default_factory is dataclasses.MISSING
        if required and field.name not in values:  # a macro of a library without its `text`
            where = getattr(raw, "line", None) or line
            raise RuleError(f"{what} needs {fields[field.name]!r}", path, where)
    try:
        return cls(**values)
    except ValueError as exc:  # an Options.__post_init__ refusing a value out of its range
        raise RuleError(f"{what}: {exc}", path, getattr(raw, "line", None) or line) from None


def _include(name: str, path, line: int | None, what: str) -> tuple[object, Path, int | None]:
    """Load the YAML file that a string names in place of a list or mapping, relative to the file naming it."""
    target = Path(path).parent / name if path is not None else Path(name)
    try:
        data = yamlfile.load(target, RuleError)
    except ReplylintError as exc:
        if exc.line is None:  # unreadable: point at the option that names the file
            raise RuleError(f"{what}: {exc.message} ({target})", path, line) from None
        raise
    return data, target, getattr(data, "line", 1)


def _names_file(value: object, item: object) -> bool:
    """A list or mapping may be given as the name of a YAML file holding it (shared word lists)."""
    if not isinstance(value, str):
        return False
    return value.endswith((".yaml", ".yml")) or dataclasses.is_dataclass(item)


def field_name(key: object) -> str:
    """Return the dataclass field for a YAML key: `fail-on` -> fail_on, `not` -> not_."""
    name = str(key).replace("-", "_")
    return name + "_" if keyword.iskeyword(name) else name


def convert(hint: object, value: object, path, line: int | None, what: str) -> object:
    """Check `value` against the type `hint`, converting lists to tuples and compiling regexes."""
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        if value is None and type(None) in args:
            return None
        (inner,) = [arg for arg in args if arg is not type(None)]
        return convert(inner, value, path, line, what)
    if origin in (tuple, dict) and _names_file(value, args[0]):
        value, path, line = _include(value, path, line, what)
    if origin is tuple:
        if not isinstance(value, list):
            raise RuleError(f"{what} must be a list", path, line)
        return tuple(
            convert(args[0], item, path, _line(value, index, line), f"{what}[{index}]")
            for index, item in enumerate(value)
        )
    if origin is dict:
        if not isinstance(value, Mapping):
            raise RuleError(f"{what} must be a mapping", path, line)
        return {
            str(key): convert(args[1], item, path, _line(value, key, line), f"{what}.{key}")
            for key, item in value.items()
        }
    if isinstance(value, str) and len(value) > MAX_OPTION_CHARS:
        too_long = f"{len(value):,} characters is over the limit of {MAX_OPTION_CHARS:,}"
        raise RuleError(f"{what}: {too_long}", path, line)
    if hint is re.Pattern:
        if not isinstance(value, str):
            raise RuleError(f"{what} must be a regular expression string", path, line)
        try:
            return regexes.Pattern(value, regexes.IGNORECASE, path, line)
        except (regexes.error, OverflowError, RecursionError) as exc:  # a{99999999999}, 2,000 nested groups
            raise RuleError(f"{what}: regex {value!r} does not compile: {exc}", path, line) from None
    if hint is TokenPattern:
        problems = nlp.token_pattern_errors(value)
        if problems:
            raise RuleError(f"{what}: invalid token pattern: {problems[0]}", path, line)
        return TokenPattern(dict(token) for token in value)
    if dataclasses.is_dataclass(hint):
        return build(hint, value, path, line, what)
    expected = {bool: "true or false", int: "an integer", float: "a number", str: "a string"}
    if hint is bool and isinstance(value, bool):
        return value
    if hint is int and isinstance(value, int) and not isinstance(value, bool):
        return value
    if hint is float and isinstance(value, (int, float)) and not isinstance(value, bool):
        if not math.isfinite(value):  # .nan and .inf are YAML floats, and no option means them
            raise RuleError(f"{what} must be a finite number, not {value}", path, line)
        return float(value)
    if hint is str and isinstance(value, str):
        return value
    raise RuleError(f"{what} must be {expected.get(hint, hint)}, not {reprlib.repr(value)}", path, line)
