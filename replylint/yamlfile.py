"""Safe YAML loading that remembers the line of every key and list item."""

from __future__ import annotations

from pathlib import Path

import yaml

from .errors import ReplylintError


class Mapping(dict):
    """A YAML mapping that knows its own line and the line of each key (1-based)."""

    line: int = 0
    key_lines: dict

    def line_of(self, key: object) -> int:
        return self.key_lines.get(key, self.line)


class Sequence(list):
    """A YAML list that knows its own line and the line of each item (1-based)."""

    line: int = 0
    item_lines: list

    def line_of(self, index: int) -> int:
        return self.item_lines[index] if index < len(self.item_lines) else self.line


class _Loader(yaml.SafeLoader):
    """SafeLoader (no arbitrary tags) that keeps lines and refuses duplicate keys."""


def _mapping(loader: _Loader, node: yaml.MappingNode) -> Mapping:
    loader.flatten_mapping(node)
    result = Mapping()
    result.line = node.start_mark.line + 1
    result.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, (str, int, float, bool)) and key is not None:
            raise ReplylintError("a mapping key must be a plain value", line=key_node.start_mark.line + 1)
        if key in result.key_lines:
            raise ReplylintError(f"duplicate key {key!r}", line=key_node.start_mark.line + 1)
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = key_node.start_mark.line + 1
    return result


def _sequence(loader: _Loader, node: yaml.SequenceNode) -> Sequence:
    result = Sequence(loader.construct_object(child, deep=True) for child in node.value)
    result.line = node.start_mark.line + 1
    result.item_lines = [child.start_mark.line + 1 for child in node.value]
    return result


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _sequence)


Error = type[ReplylintError]


def read_text(path: Path, error: Error = ReplylintError) -> str:
    """Read a UTF-8 file; a file that is not UTF-8 is an error naming line and column."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise error(f"cannot read: {exc.strerror or exc}", path) from None
    return decode(data, path, error)


def decode(data: bytes, path: str | Path, error: Error = ReplylintError) -> str:
    """Decode UTF-8 (a BOM is dropped, CRLF becomes LF) or raise naming where it broke."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise error(
            f"not UTF-8 text: byte 0x{data[exc.start]:02x} at column {column}", path, line
        ) from None
    return text.replace("\r\n", "\n")


def loads(text: str, path: str | Path, error: Error = ReplylintError) -> object:
    """Parse YAML text; syntax errors become `error` with the line."""
    try:
        return yaml.load(text, Loader=_Loader)
    except ReplylintError as exc:
        raise error(exc.message, path, exc.line) from None
    except yaml.YAMLError as exc:
        raise _invalid(exc, path, error) from None


def compose(text: str, path: str | Path, error: Error = ReplylintError) -> yaml.Node | None:
    """Parse YAML text into nodes that keep their positions; syntax errors become `error` with the line."""
    try:
        return yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        raise _invalid(exc, path, error) from None


def _invalid(exc: yaml.YAMLError, path: str | Path, error: Error) -> ReplylintError:
    if isinstance(exc, yaml.MarkedYAMLError):
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        return error(f"invalid YAML: {exc.problem or exc.context}", path, line)
    return error(f"invalid YAML: {exc}", path)


def load(path: Path, error: Error = ReplylintError) -> object:
    """Read and parse one YAML file; problems are raised as `error` naming the file and line."""
    return loads(read_text(path, error), path, error)
