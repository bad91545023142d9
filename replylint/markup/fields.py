"""Text fields of YAML and JSON files (a template's subject and body), mapped to their place in the file."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from json.decoder import scanstring
from pathlib import Path

import yaml

from .. import yamlfile
from ..errors import InputError
from ..sourcemap import Builder, SourceMap
from . import EXTRACTORS, compose


@dataclass(frozen=True, slots=True)
class Field:
    """The text of one field and where each of its characters sits in the file."""

    name: str  # as asked for: "body", or a dotted path such as "ticket.body" or "0.response"
    text: str
    origin: SourceMap
    line: int  # 1-based line of the field's key


def read_fields(
    data: bytes, path: str | Path, fields: Sequence[str], markup: str | None = None
) -> list[Field]:
    """Decode a UTF-8 file and return its fields; see extract_fields."""
    return extract_fields(yamlfile.decode(data, path, InputError), path, fields, markup)


def extract_fields(
    file_text: str, path: str | Path, fields: Sequence[str], markup: str | None = None
) -> list[Field]:
    """Return the named fields of a YAML or JSON file (JSON by suffix), missing ones left out.

    With markup ("html" or "markdown") each field's text is extracted from that markup and its map
    still points into the file. A file that does not parse raises InputError naming the line.
    """
    extractor = EXTRACTORS[markup] if markup else None
    if Path(path).suffix.lower() == ".json":
        found = _json_fields(file_text, path, fields)
    else:
        found = _yaml_fields(file_text, path, fields)
    if extractor is None:
        return found
    result = []
    for field in found:
        text, inner = extractor(field.text)
        result.append(Field(field.name, text, compose(inner, field.origin), field.line))
    return result


def _paths(name: str) -> list[list[str]]:
    """Return the key paths a field name may mean: a literal key first, then a dotted path."""
    return [[name], name.split(".")] if "." in name else [[name]]


# --- YAML -----------------------------------------------------------------------------------------


def _yaml_fields(file_text: str, path: str | Path, fields: Sequence[str]) -> list[Field]:
    try:
        root = yaml.compose(file_text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        raise InputError(f"invalid YAML: {exc.problem or exc.context}", path, line) from None
    except yaml.YAMLError as exc:
        raise InputError(f"invalid YAML: {exc}", path) from None
    result = []
    for name in fields:
        for keys in _paths(name):
            found = _yaml_node(root, keys, path)
            if found is not None:
                key_line, node = found
                if node.tag != "tag:yaml.org,2002:null":
                    result.append(_yaml_field(name, key_line, node, file_text, path))
                break
    return result


def _yaml_node(node: yaml.Node | None, keys: list[str], path: str | Path) -> tuple[int, yaml.Node] | None:
    """Return the line of the last key and the value node at keys, or None when it is missing."""
    line = 0
    for key in keys:
        if isinstance(node, yaml.MappingNode):
            matches = [(k, v) for k, v in node.value if isinstance(k, yaml.ScalarNode) and k.value == key]
            if len(matches) > 1:
                raise InputError(f"duplicate key {key!r}", path, matches[1][0].start_mark.line + 1)
            if not matches:
                return None
            line, node = matches[0][0].start_mark.line + 1, matches[0][1]
        elif isinstance(node, yaml.SequenceNode) and key.isdigit() and int(key) < len(node.value):
            node = node.value[int(key)]
            line = node.start_mark.line + 1
        else:
            return None
    return line, node


def _yaml_field(name: str, line: int, node: yaml.Node, file_text: str, path: str | Path) -> Field:
    if not isinstance(node, yaml.ScalarNode):
        raise InputError(f"field {name!r} must be text", path, node.start_mark.line + 1)
    start, end = node.start_mark.index, node.end_mark.index
    indent = None
    if node.style in ("|", ">"):
        start = file_text.find("\n", start, end) + 1 or end  # content starts on the line after "|"
        lines = [text for text in file_text[start:end].split("\n") if text.strip()]
        indent = min((len(text) - len(text.lstrip(" ")) for text in lines), default=0)
    elif node.style in ("'", '"'):
        start, end = start + 1, end - 1
    builder = Builder(file_text)
    _emit_runs(builder, node.value, _align(node.value, file_text, start, end, indent))
    text, origin = builder.build()
    return Field(name, text, origin, line)


def _align(value: str, source: str, at: int, end: int, indent: int | None) -> list[int]:
    """Return the file offset of each character of a scalar's value, found by walking its source.

    Lines are exact; an escape ("\\u00e9", "''") maps to where it starts, and the next character that
    appears as written puts the walk back in step.
    """
    offsets = []
    margin = re.compile(rf" {{0,{indent or 0}}}")  # a block scalar's indentation, dropped on each line
    for char in value:
        if indent is not None and (at == 0 or source[at - 1] == "\n"):
            at = margin.match(source, at, end).end()  # type: ignore[union-attr]  # " {0,n}" always matches
        if at < end and source[at] == char:
            offsets.append(at)
            at += 1
        elif char in " \n":
            # A folded line break, or an escape such as "\t" when the source is not whitespace here.
            offsets.append(min(at, end))
            while at < end and source[at] in " \t\n" and indent is None:
                at += 1
            if indent is not None and at < end and source[at] == "\n":
                at += 1
        else:
            skip = re.compile(r"[ \t\n]*").match(source, at, end)
            at = skip.end() if skip else at
            line_end = source.find("\n", at, end)
            found = source.find(char, at, end if line_end < 0 else line_end)
            offsets.append(found if found >= 0 else min(at, end))
            at = found + 1 if found >= 0 else at
    return offsets


def _emit_runs(builder: Builder, text: str, offsets: list[int]) -> None:
    """Emit text in runs whose characters sit side by side in the file, so the map stays small."""
    start = 0
    for index in range(1, len(text) + 1):
        if index == len(text) or offsets[index] != offsets[index - 1] + 1:
            builder.emit(text[start:index], offsets[start])
            start = index


# --- JSON -----------------------------------------------------------------------------------------

_DECODER = json.JSONDecoder()
_SPACE = re.compile(r"[ \t\n\r]*")
# A surrogate pair, one \uXXXX, another escape, or a run of plain characters.
_PIECE = re.compile(r"\\u[dD][89abAB]\w{2}\\u[dD][c-fC-F]\w{2}|\\u\w{4}|\\.|[^\\]+")


def _json_fields(file_text: str, path: str | Path, fields: Sequence[str]) -> list[Field]:
    try:
        json.loads(file_text)  # validate first, so the walk below can trust the text
    except json.JSONDecodeError as exc:
        raise InputError(f"invalid JSON: {exc.msg}", path, exc.lineno) from None
    result = []
    for name in fields:
        for keys in _paths(name):
            found = _json_value(file_text, _SPACE.match(file_text).end(), keys)
            if found is None:
                continue
            key_at, start, end = found
            line = file_text.count("\n", 0, key_at) + 1
            if file_text.startswith('"', start):
                builder = Builder(file_text)
                for piece in _PIECE.finditer(file_text, start + 1, end - 1):
                    if piece.group().startswith("\\"):
                        builder.emit(json.loads(f'"{piece.group()}"'), piece.start())
                    else:
                        builder.copy(piece.start(), piece.end())
                text, origin = builder.build()
                result.append(Field(name, text, origin, line))
            elif not file_text.startswith("null", start):
                raise InputError(f"field {name!r} must be text", path, line)
            break
    return result


def _json_value(text: str, at: int, keys: list[str]) -> tuple[int, int, int] | None:
    """Return (key offset, value start, value end) of the value at keys in the value at `at`."""
    found = None
    if text.startswith("{", at):
        at = _SPACE.match(text, at + 1).end()
        while text.startswith('"', at):
            key, after = scanstring(text, at + 1)
            value_at = _SPACE.match(text, _SPACE.match(text, after).end() + 1).end()
            value_end = _DECODER.raw_decode(text, value_at)[1]
            if key == keys[0]:  # the last of duplicate keys wins, as in json.loads
                found = (at, value_at, value_end) if len(keys) == 1 else _json_value(text, value_at, keys[1:])
            at = _SPACE.match(text, value_end).end()
            at = _SPACE.match(text, at + 1).end() if text.startswith(",", at) else at
    elif text.startswith("[", at) and keys[0].isdigit():
        at = _SPACE.match(text, at + 1).end()
        for index in range(int(keys[0]) + 1):
            if text.startswith("]", at):
                return None
            value_end = _DECODER.raw_decode(text, at)[1]
            if index == int(keys[0]):
                return (at, at, value_end) if len(keys) == 1 else _json_value(text, at, keys[1:])
            at = _SPACE.match(text, value_end).end()
            at = _SPACE.match(text, at + 1).end() if text.startswith(",", at) else at
    return found
