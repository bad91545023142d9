"""`.replylint.yaml`: which packs and rules run, at what severity and with what options."""

from __future__ import annotations

import dataclasses
import reprlib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from . import globs, yamlfile
from .decision import Thresholds
from .errors import ConfigError
from .model import CATEGORIES, Severity
from .packs import builtin_dir, load_packs
from .rule import Rule

CONFIG_NAMES = (".replylint.yaml", ".replylint.yml")
# Settings a config file and an `overrides` entry share; the top level adds the rest of KEYS.
SHARED_KEYS = ("rules", "categories", "fail-on", "min-level", "fields", "markup")
KEYS = ("extends", "packs", *SHARED_KEYS, "templates", "ignore", "overrides", "decision")
DECISION_KEYS = ("block", "warn")  # `decision:` the lowest severity that blocks a pre-send hook, and that warns
OVERRIDE_KEYS = ("files", *SHARED_KEYS, "template")
MARKUPS = ("auto", "text", "html", "markdown")
DEFAULT_FAIL_ON = Severity.WARNING


@dataclass(frozen=True, slots=True)
class Setting:
    """One config value with where it was written, for error messages and `config show`."""

    value: object
    path: Path
    line: int

    @property
    def where(self) -> str:
        return f"{self.path}:{self.line}"


@dataclass
class _Layers:
    """Settings gathered along an `extends` chain, later files overriding earlier ones."""

    packs: list[Path] = field(default_factory=list)
    rules: dict[str, Setting] = field(default_factory=dict)
    categories: dict[str, Setting] = field(default_factory=dict)
    values: dict[str, Setting] = field(default_factory=dict)  # fail-on, min-level, fields, markup...
    overrides: list[tuple[tuple[str, ...], Mapping, Path]] = field(default_factory=list)  # files, settings, file

    def copy(self) -> _Layers:
        return _Layers(list(self.packs), dict(self.rules), dict(self.categories), dict(self.values), list(self.overrides))


@dataclass(frozen=True)
class Config:
    """The resolved configuration: the rules that run, as configured, and how files are read and judged."""

    rules: tuple[Rule, ...]
    fail_on: Severity = DEFAULT_FAIL_ON
    source: Path | None = None
    min_level: Severity = Severity.INFO  # findings below this are not shown (nor can they fail)
    fields: tuple[str, ...] = ()  # in YAML/JSON files, lint the text of these fields
    markup: str = "auto"  # how text is read: auto (by file suffix), text, html or markdown
    template: bool = False  # set by for_file: the file is a template
    ignored: bool = False  # set by for_file: the file is not linted
    origins: Mapping[str, str] = field(default_factory=dict)  # setting or "rules.<id>" -> where it was set
    decision: Thresholds = field(default_factory=Thresholds)  # what a pre-send hook blocks and warns on
    _layers: _Layers | None = field(default=None, repr=False, compare=False)
    _disable: tuple[str, ...] = field(default=(), repr=False, compare=False)
    _by_overrides: dict = field(default_factory=dict, repr=False, compare=False)

    @property
    def root(self) -> Path:
        """Return the folder `templates`, `ignore` and `overrides` globs are relative to."""
        return self.source.parent if self.source else Path.cwd()

    def for_file(self, path: Path) -> Config:
        """Return the config for one file: its `overrides` applied, `template` and `ignored` decided."""
        layers = self._layers
        if layers is None:
            return self
        chosen = tuple(i for i, (files, _, _) in enumerate(layers.overrides) if globs.matches(path, files, self.root))
        if chosen not in self._by_overrides:
            merged = layers.copy()
            for index in chosen:
                _, settings, where = layers.overrides[index]
                _layer(merged, settings, where, OVERRIDE_KEYS)
            self._by_overrides[chosen] = _resolve(merged, self._disable, self.source)
        config = self._by_overrides[chosen]
        origins = dict(config.origins)
        template = config._flag(path, "template", "templates", origins)
        ignored = config._flag(path, "ignored", "ignore", origins)
        return dataclasses.replace(config, template=template, ignored=ignored, origins=origins, _by_overrides={})

    def _flag(self, path: Path, name: str, globs_key: str, origins: dict[str, str]) -> bool:
        values = self._layers.values if self._layers else {}
        if name in values:  # `template: true` in a matching override beats the globs
            origins[name] = values[name].where
            return bool(values[name].value)
        setting = values.get(globs_key)
        for pattern in setting.value if setting else ():
            if globs.matches(path, (pattern,), self.root):
                origins[name] = f"{globs_key}: {pattern!r} at {setting.where}"
                return True
        return False


def find_config(start: Path) -> Path | None:
    """Walk up from start to the repository root or home; return the first config found."""
    home = Path.home().resolve()
    directory = start.resolve()
    for candidate in (directory, *directory.parents):
        for name in CONFIG_NAMES:
            if (candidate / name).is_file():
                return candidate / name
        if (candidate / ".git").exists() or candidate == home:
            return None
    return None


def load_config(path: Path | None = None, disable: Iterable[str] = ()) -> Config:
    """Resolve a config file (None: the recommended pack) and `--disable` names into a Config."""
    layers = _read(path, ()) if path is not None else _Layers(packs=[builtin_dir()])
    return _resolve(layers, tuple(disable), path)


def _read(path: Path, chain: tuple[Path, ...]) -> _Layers:
    path = path.resolve()
    if path in chain:
        raise ConfigError("config extends itself in a loop", path, 1)
    if not _exists(path, Path.is_file):
        raise ConfigError("config file not found", path)
    data = yamlfile.load(path, ConfigError)
    if data is None:
        data = yamlfile.Mapping()
    if not isinstance(data, Mapping):
        raise ConfigError("a config file must be a mapping of keys", path, 1)
    yamlfile.check_keys(data, KEYS, path, ConfigError)

    extends = data.get("extends", "recommended")
    if extends == "recommended":
        layers = _Layers(packs=[builtin_dir()])
    elif extends in ("none", None):
        layers = _Layers()
    elif isinstance(extends, str):
        if not _exists(path.parent / extends, Path.is_file):
            raise ConfigError(f"'extends': config file {extends!r} not found", path, data.line_of("extends"))
        layers = _read(path.parent / extends, (*chain, path))
    else:
        raise ConfigError("'extends' must be 'recommended', 'none' or a path", path, data.line_of("extends"))

    for index, pack in enumerate(_list(data, "packs", path)):
        directory = path.parent / str(pack)
        if not _exists(directory, Path.is_dir):
            raise ConfigError(f"pack directory {pack!r} not found", path, data["packs"].line_of(index))
        layers.packs.append(directory)
    _layer(layers, data, path, KEYS)
    _decision(layers, data, path)
    for key in ("templates", "ignore"):
        if key in data:
            layers.values[key] = Setting(tuple(str(p) for p in _list(data, key, path)), path, data.line_of(key))
    for index, entry in enumerate(_list(data, "overrides", path)):
        line = data["overrides"].line_of(index)
        if not isinstance(entry, Mapping):
            raise ConfigError("each override must be a mapping with 'files' and settings", path, line)
        yamlfile.check_keys(entry, OVERRIDE_KEYS, path, ConfigError, " in override")
        files = entry.get("files")
        if isinstance(files, str):
            files = [files]
        if not files or not isinstance(files, list):
            raise ConfigError("an override needs 'files': a list of globs", path, line)
        _layer(_Layers(), entry, path, OVERRIDE_KEYS)  # report its errors now, not at the first file it matches
        layers.overrides.append((tuple(str(f) for f in files), entry, path))
    return layers


def _exists(path: Path, kind: Callable[[Path], bool]) -> bool:
    """Return Path.is_file or is_dir, False for a name the system cannot look up (too long, a NUL byte)."""
    try:
        return kind(path)
    except (OSError, ValueError):
        return False


def _layer(layers: _Layers, data: Mapping, path: Path, allowed: tuple[str, ...]) -> None:
    """Apply one mapping of settings (a config file, or an override) on top of layers."""
    for key, target in (("rules", layers.rules), ("categories", layers.categories)):
        section = data.get(key) or {}
        if not isinstance(section, Mapping):
            raise ConfigError(f"'{key}' must be a mapping", path, data.line_of(key))
        for name, value in section.items():
            previous = target.get(name)
            if previous and isinstance(previous.value, Mapping) and isinstance(value, Mapping):
                value = _merge(previous.value, value)
            target[str(name)] = Setting(value, path, section.line_of(name))
    for key in ("fail-on", "min-level"):
        if key in data:
            line = data.line_of(key)
            layers.values[key] = Setting(_severity(data[key], path, line), path, line)
    if "fields" in data:
        fields = data["fields"]
        if isinstance(fields, str):
            fields = [fields]
        if not isinstance(fields, list) or not all(isinstance(f, str) and f for f in fields):
            raise ConfigError("'fields' must be a list of field names, e.g. [subject, body]", path, data.line_of("fields"))
        layers.values["fields"] = Setting(tuple(fields), path, data.line_of("fields"))
    if "markup" in data:
        if data["markup"] not in MARKUPS:
            raise ConfigError(f"'markup' must be one of {', '.join(MARKUPS)}", path, data.line_of("markup"))
        layers.values["markup"] = Setting(data["markup"], path, data.line_of("markup"))
    if "template" in allowed and "template" in data:
        if not isinstance(data["template"], bool):
            raise ConfigError("'template' must be true or false", path, data.line_of("template"))
        layers.values["template"] = Setting(data["template"], path, data.line_of("template"))


def _list(data: Mapping, key: str, path: Path) -> list:
    value = data.get(key) or []
    if not isinstance(value, list):
        raise ConfigError(f"'{key}' must be a list", path, data.line_of(key))
    return value


def _merge(base: Mapping, override: Mapping) -> dict:
    """Merge two rule settings key by key, options included."""
    merged = dict(base) | dict(override)
    if isinstance(base.get("options"), Mapping) and isinstance(override.get("options"), Mapping):
        merged["options"] = dict(base["options"]) | dict(override["options"])
    return merged


def _severity(value: object, path: Path, line: int) -> Severity:
    try:
        return Severity.parse(str(value))
    except ValueError as exc:
        raise ConfigError(str(exc), path, line) from None


def _decision(layers: _Layers, data: Mapping, path: Path) -> None:
    """Read `decision: {block: error, warn: warning}`; a level may be `off` (never block, or never warn)."""
    if "decision" not in data:
        return
    section = data["decision"]
    if not isinstance(section, Mapping):
        raise ConfigError("'decision' must be a mapping such as {block: error, warn: warning}", path,
                          data.line_of("decision"))
    yamlfile.check_keys(section, DECISION_KEYS, path, ConfigError, " in 'decision'")
    for key, value in section.items():
        line = section.line_of(key)
        level = None if _is_off(value) or value in ("none", None) else _severity(value, path, line)
        layers.values[f"decision.{key}"] = Setting(level, path, line)
    block, warn = layers.values.get("decision.block"), layers.values.get("decision.warn")
    block_level = block.value if block else Thresholds().block
    warn_level = warn.value if warn else Thresholds().warn
    if block_level is not None and warn_level is not None and block_level < warn_level:
        raise ConfigError(f"'decision': block ({block_level.label}) is below warn ({warn_level.label}), "
                          "so nothing could only warn", path, data.line_of("decision"))


def _is_off(value: object) -> bool:
    # YAML 1.1 reads a bare `off` as false.
    return value is False or value in ("off", "disable", "disabled")


def _resolve(layers: _Layers, disable: tuple[str, ...], source: Path | None) -> Config:
    rules = load_packs(layers.packs)
    by_id = {rule.id: rule for rule in rules}
    for name, setting in layers.rules.items():
        if name not in by_id:
            raise ConfigError(f"unknown rule {name!r} in 'rules'", setting.path, setting.line)
    for name, setting in layers.categories.items():
        if name not in CATEGORIES:
            known = ", ".join(CATEGORIES)
            raise ConfigError(f"unknown category {name!r} (known: {known})", setting.path, setting.line)
    for name in disable:
        if name not in by_id and name not in CATEGORIES:
            raise ConfigError(f"--disable {name}: no such rule or category")

    enabled = []
    origins: dict[str, str] = {}
    for rule in rules:
        category, own = layers.categories.get(rule.category), layers.rules.get(rule.id)
        configured = _apply(rule, category, own)
        if rule.id in disable or rule.category in disable:
            origins[f"rules.{rule.id}"] = "--disable"
        elif configured is not None:
            enabled.append(configured)
        if f"rules.{rule.id}" not in origins:
            setting = own or category
            origins[f"rules.{rule.id}"] = setting.where if setting else f"{rule.source}"
    values = layers.values
    for key in (
        "fail-on", "min-level", "fields", "markup", "templates", "ignore", "decision.block", "decision.warn"
    ):
        origins[key] = values[key].where if key in values else "default"
    return Config(
        rules=tuple(enabled),
        fail_on=values["fail-on"].value if "fail-on" in values else DEFAULT_FAIL_ON,
        source=source,
        min_level=values["min-level"].value if "min-level" in values else Severity.INFO,
        fields=values["fields"].value if "fields" in values else (),
        markup=values["markup"].value if "markup" in values else "auto",
        decision=Thresholds(
            values["decision.block"].value if "decision.block" in values else Thresholds().block,
            values["decision.warn"].value if "decision.warn" in values else Thresholds().warn,
        ),
        origins=origins,
        _layers=layers,
        _disable=disable,
    )


def _apply(rule: Rule, category: Setting | None, own: Setting | None) -> Rule | None:
    """Apply the category setting, then the rule's own (the more specific one wins)."""
    on = True
    for setting in (category, own):
        if setting is None:
            continue
        value, where = setting.value, (setting.path, setting.line)
        if _is_off(value):
            on = False
        elif value is True or value == "on":
            on = True
        elif isinstance(value, str):
            on, rule = True, dataclasses.replace(rule, severity=_severity(value, *where))
        elif isinstance(value, Mapping) and setting is own:
            known = ("severity", "options")
            yamlfile.check_keys(value, known, setting.path, ConfigError, f" for rule {rule.id}", setting.line)
            severity = _severity(value["severity"], *where) if "severity" in value else None
            on, rule = True, rule.configured(severity, value.get("options"), where)
        else:
            shown = reprlib.repr(value)  # bounded: the value may be a long list
            raise ConfigError(f"expected off, on, error, warning, info or a mapping, not {shown}", *where)
    return rule if on else None
