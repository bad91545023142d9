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
    if markup and markup not in EXTRACTORS:
        raise ValueError(f"unknown markup {markup!r} (known: {', '.join(EXTRACTORS)})")
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


def _expand(root: yaml.Node | None, fields: Sequence[str], path: str | Path) -> list[str]:
    """Return the field names with each `*` replaced by every item or key there ("*.response": 0.response...)."""
    names: list[str] = []
    for name in fields:
        if "*" not in name.split("."):
            names.append(name)
            continue
        paths: list[tuple[list[str], yaml.Node | None]] = [([], root)]
        for key in name.split("."):
            step: list[tuple[list[str], yaml.Node | None]] = []
            for done, node in paths:
                if key != "*":
                    child = _child(node, key, path)
                    step.append(([*done, key], child[1] if child else None))
                elif isinstance(node, yaml.SequenceNode):
                    step.extend(([*done, str(i)], item) for i, item in enumerate(node.value))
                elif isinstance(node, yaml.MappingNode):
                    step.extend(([*done, k.value], v) for k, v in node.value if isinstance(k, yaml.ScalarNode))
            paths = step
        names.extend(".".join(done) for done, _ in paths)
    return names


def _child(node: yaml.Node | None, key: str, path: str | Path) -> tuple[int, yaml.Node] | None:
    """Return the line of key (or list index) under node and its value node, or None when missing."""
    if isinstance(node, yaml.MappingNode):
        matches = [(k, v) for k, v in node.value if isinstance(k, yaml.ScalarNode) and k.value == key]
        if len(matches) > 1:
            raise InputError(f"duplicate key {key!r}", path, matches[1][0].start_mark.line + 1)
        return (matches[0][0].start_mark.line + 1, matches[0][1]) if matches else None
    if isinstance(node, yaml.SequenceNode) and key.isdigit() and int(key) < len(node.value):
        item = node.value[int(key)]
        return item.start_mark.line + 1, item
    return None


# --- YAML -----------------------------------------------------------------------------------------


def _yaml_fields(file_text: str, path: str | Path, fields: Sequence[str]) -> list[Field]:
    """Return the fields found in a YAML file, as written (no markup extracted yet)."""
    root = yamlfile.compose(file_text, path, InputError)
    result = []
    for name in _expand(root, fields, path):
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
    found: tuple[int, yaml.Node] | None = (0, node)
    for key in keys:
        found = _child(found[1], key, path)
        if found is None:
            return None
    return found


def _yaml_field(name: str, line: int, node: yaml.Node, file_text: str, path: str | Path) -> Field:
    """Return one scalar's value with a map from each character to where it is written."""
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
    _emit_runs(builder, node.value, _align(node.value, file_text, start, end, node.style, indent))
    text, origin = builder.build()
    return Field(name, text, origin, line)


_ESCAPE_WIDTH = {"x": 4, "u": 6, "U": 10}  # \xE9, \u00e9, \U0001F600; every other escape is 2 long
_BLANKS = re.compile(r"[ \t\n]*")


def _align(value: str, source: str, at: int, end: int, style: str | None, indent: int | None) -> list[int]:
    """Return the file offset of each character of a scalar's value, found by walking its source.

    Lines are exact, and so are columns but for a character an escape stands for ("\\u00e9", "''"),
    which maps to where the escape starts.
    """
    offsets = []
    margin = re.compile(rf" {{0,{indent or 0}}}")  # a block scalar's indentation, dropped on each line
    for char in value:
        if indent is not None and (at == 0 or source[at - 1] == "\n"):
            at = margin.match(source, at, end).end()  # type: ignore[union-attr]  # " {0,n}" always matches
        if style == '"':
            while source.startswith("\\\n", at):  # an escaped line break joins the lines with nothing
                at = _BLANKS.match(source, at + 2, end).end()  # type: ignore[union-attr]
            if at < end and source[at] == "\\":
                offsets.append(at)
                at += _ESCAPE_WIDTH.get(source[at + 1 : at + 2], 2)
                continue
        if style == "'" and char == "'" and source.startswith("''", at):
            offsets.append(at)
            at += 2
        elif at < end and source[at] == char:
            offsets.append(at)
            at += 1
        elif char in " \n":
            # A line break folded into a space: it stands for the break and the next line's indentation.
            offsets.append(min(at, end))
            while at < end and source[at] in " \t\n" and indent is None:
                at += 1
            if indent is not None and at < end and source[at] == "\n":
                at += 1
        else:
            # Not where it was expected (a blank line folded away): look further along this line only.
            at = _BLANKS.match(source, at, end).end()  # type: ignore[union-attr]
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
    """Return the fields found in a JSON file, each escape mapped to its backslash."""
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
