"""Safe YAML loading that remembers the line of every key and list item."""

from __future__ import annotations

import functools
import re
import reprlib
from pathlib import Path

import yaml

try:
    from yaml.cyaml import CParser
except ImportError:
    CParser = None

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


# Aliases may repeat at most this many values: a rule holds hundreds, a "billion laughs" document
# (aliases of aliases) billions, which every later walk over the data would visit.
MAX_REPEATED = 100_000
SURROGATE = re.compile("[\ud800-\udfff]")  # half of a UTF-16 pair: no text, and spaCy cannot hash it


# Flow collections ([...], {...}) nested deeper than this are refused while scanning: PyYAML's scanner
# slows with the square of the depth (5,000 levels took half a minute), and no real file comes close.
MAX_FLOW_DEPTH = 100


class _Composer(yaml.SafeLoader):
    """SafeLoader (no arbitrary tags) that refuses flow collections nested absurdly deep."""

    def fetch_flow_collection_start(self, TokenClass) -> None:
        if self.flow_level >= MAX_FLOW_DEPTH:
            problem = f"lists and mappings nested more than {MAX_FLOW_DEPTH} deep"
            raise yaml.scanner.ScannerError(None, None, problem, self.get_mark())
        super().fetch_flow_collection_start(TokenClass)


class _Constructor(yaml.constructor.SafeConstructor):
    """Safe construction (no arbitrary tags) that keeps lines, refuses duplicate keys and alias bombs."""

    def construct_document(self, node: yaml.Node) -> object:
        _check_aliases(node)
        return super().construct_document(node)

    def construct_object(self, node: yaml.Node, deep: bool = False) -> object:
        # PyYAML's own constructors let Python errors out for a tagged value they cannot read
        # (`!!float abc`, `!!float ""`, `!!timestamp soon`, `!!bool maybe`) and for a malformed `<<` merge.
        try:
            value = super().construct_object(node, deep)
        except (ValueError, LookupError, AttributeError, TypeError, OverflowError) as exc:
            if not isinstance(node, yaml.Node):  # `!!seq abc` iterates characters: the tagged node reports it
                raise
            tag = node.tag.replace("tag:yaml.org,2002:", "!!")
            what = f"value {reprlib.repr(node.value)}" if isinstance(node, yaml.ScalarNode) else "value"
            line = node.start_mark.line + 1
            message = f"invalid YAML: cannot read the {tag} {what} ({type(exc).__name__})"
            raise ReplylintError(message, line=line) from None
        if isinstance(value, str) and SURROGATE.search(value):  # "\ud800" escaped in double quotes
            message = "invalid YAML: a lone surrogate (\\ud800-\\udfff) is not text"
            raise ReplylintError(message, line=node.start_mark.line + 1)
        return value


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


def _check_aliases(root: yaml.Node) -> None:
    """Raise when aliases make the document repeat more than MAX_REPEATED values."""
    sizes: dict[int, int] = {}
    repeated_at: list[int] = []  # line of the first node an alias repeats

    def size(node: yaml.Node) -> int:
        if id(node) in sizes:
            if not repeated_at and sizes[id(node)] > 1:
                repeated_at.append(node.start_mark.line + 1)
            return sizes[id(node)]
        sizes[id(node)] = 1  # a node inside itself counts once; the constructor refuses it anyway
        if isinstance(node, yaml.SequenceNode):
            children = node.value
        elif isinstance(node, yaml.MappingNode):
            children = [child for pair in node.value for child in pair]
        else:
            children = []
        total = 1
        for child in children:  # a loop, not sum(): one frame per level of nesting
            total += size(child)
        sizes[id(node)] = total
        return total

    if size(root) - len(sizes) > MAX_REPEATED:
        line = repeated_at[0] if repeated_at else None
        raise ReplylintError(f"aliases repeat more than {MAX_REPEATED:,} values (an alias bomb?)", line=line)


def _unsupported(loader: _Loader, node: yaml.Node) -> None:
    # PyYAML builds these as plain lists and sets, which carry no lines; nothing in replylint needs them.
    tag = node.tag.replace("tag:yaml.org,2002:", "!!")
    line = node.start_mark.line + 1
    raise ReplylintError(f"{tag} is not supported: write a plain list or mapping", line=line)


for _tag in ("omap", "pairs", "set"):
    _Constructor.add_constructor(f"tag:yaml.org,2002:{_tag}", _unsupported)
_Constructor.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)
_Constructor.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _sequence)


class _Loader(_Constructor, _Composer):
    """The loader for files users write: PyYAML's own parser, with its nesting guard."""


if CParser is not None:

    class _ShippedLoader(CParser, _Constructor, yaml.resolver.Resolver):
        """The loader for the files replylint ships: libyaml's parser, five times faster at start-up.

        Only for those: its parser recurses in C on nesting, which a user's file could make absurd.
        """

        def __init__(self, stream: str):
            CParser.__init__(self, stream)
            _Constructor.__init__(self)
            yaml.resolver.Resolver.__init__(self)

else:  # PyYAML built without libyaml
    _ShippedLoader = _Loader


@functools.cache
def _shipped_dirs() -> tuple[Path, ...]:
    from .packs import builtin_dir  # packs reads its rules through this module

    return Path(__file__).resolve().parent, builtin_dir().resolve()


def _shipped(path: str | Path) -> bool:
    """Is this one of the files installed with replylint (the built-in pack, the lexicons)?"""
    where = Path(path).resolve()
    return any(where.is_relative_to(folder) for folder in _shipped_dirs())


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
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise error("UTF-16 text (it starts with a UTF-16 byte-order mark): save it as UTF-8", path, 1)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise error(
            f"not UTF-8 text: byte 0x{data[exc.start]:02x} at column {column}", path, line
        ) from None
    return text.replace("\r\n", "\n")


def loads(text: str, path: str | Path, error: Error = ReplylintError, shipped: bool = False) -> object:
    """Parse YAML text (with libyaml when `shipped` by replylint); syntax errors become `error` with the line."""
    try:
        return _read(_ShippedLoader if shipped else _Loader, text, "get_single_data")
    except ReplylintError as exc:
        raise error(exc.message, path, exc.line) from None
    except yaml.YAMLError as exc:
        raise _invalid(exc, text, path, error) from None
    except RecursionError:  # PyYAML composes and constructs nested collections recursively
        raise _too_deep(text, path, error) from None


def compose(text: str, path: str | Path, error: Error = ReplylintError) -> yaml.Node | None:
    """Parse YAML text into nodes that keep their positions; syntax errors become `error` with the line."""
    try:
        node = _read(_Composer, text, "get_single_node")
        if node is not None:
            _check_aliases(node)
        return node
    except ReplylintError as exc:
        raise error(exc.message, path, exc.line) from None
    except yaml.YAMLError as exc:
        raise _invalid(exc, text, path, error) from None
    except RecursionError:
        raise _too_deep(text, path, error) from None


def _read(loader_class: type, text: str, method: str) -> object:
    """Run the loader's method over text; a Python error out of PyYAML's scanner becomes a YAML error."""
    loader = loader_class(text)
    try:
        return getattr(loader, method)()
    except ValueError as exc:  # `"\U2001F600"`: an escape past the last code point
        mark = loader.get_mark() if hasattr(loader, "get_mark") else None
        raise yaml.MarkedYAMLError(problem=f"cannot read a value ({exc})", problem_mark=mark) from None
    finally:
        loader.dispose()


def _invalid(exc: yaml.YAMLError, text: str, path: str | Path, error: Error) -> ReplylintError:
    if isinstance(exc, yaml.MarkedYAMLError):
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        return error(f"invalid YAML: {exc.problem or exc.context}", path, line)
    if isinstance(exc, yaml.reader.ReaderError):  # a control character: it knows its offset, not its line
        line = text.count("\n", 0, exc.position) + 1
        code = exc.character if isinstance(exc.character, int) else ord(exc.character[:1] or "\0")
        return error(f"invalid YAML: unacceptable character #x{code:04x}", path, line)
    return error(f"invalid YAML: {exc}", path)


def _too_deep(text: str, path: str | Path, error: Error) -> ReplylintError:
    """Name the line where YAML nests past MAX_FLOW_DEPTH, found by the parser (which does not recurse)."""
    depth, deepest, line = 0, 0, None
    try:
        for event in yaml.parse(text, Loader=_Composer):
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > deepest and deepest <= MAX_FLOW_DEPTH:
                    deepest, line = depth, event.start_mark.line + 1
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError as exc:
        return _invalid(exc, text, path, error)
    return error(f"invalid YAML: lists and mappings nested more than {deepest - 1} deep", path, line)


def check_keys(data, known: tuple[str, ...], path, error: Error, where: str = "", line: int | None = None) -> None:
    """Raise `error` at the first key of a mapping that is not known, naming those that are."""
    for key in data:
        if key not in known:
            at = line or data.line_of(key)
            raise error(f"unknown key {key!r}{where} (known: {', '.join(known)})", path, at)


def load(path: Path, error: Error = ReplylintError) -> object:
    """Read and parse one YAML file; problems are raised as `error` naming the file and line."""
    return loads(read_text(path, error), path, error, _shipped(path))
