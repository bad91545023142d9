"""`.replylint.yaml`: which packs and rules run, at what severity and with what options."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from . import yamlfile
from .errors import ConfigError
from .model import CATEGORIES, Severity
from .packs import builtin_dir, load_packs
from .rule import Rule

CONFIG_NAMES = (".replylint.yaml", ".replylint.yml")
KEYS = ("extends", "packs", "rules", "categories", "fail-on")
DEFAULT_FAIL_ON = Severity.WARNING


@dataclass(frozen=True)
class Config:
    """The resolved configuration: the rules that run, as configured, and what fails a run."""

    rules: tuple[Rule, ...]
    fail_on: Severity = DEFAULT_FAIL_ON
    source: Path | None = None


@dataclass(frozen=True, slots=True)
class Setting:
    """One config value with where it was written, for error messages."""

    value: object
    path: Path
    line: int


@dataclass
class _Layers:
    """Settings gathered along an `extends` chain, later files overriding earlier ones."""

    packs: list[Path] = field(default_factory=list)
    rules: dict[str, Setting] = field(default_factory=dict)
    categories: dict[str, Setting] = field(default_factory=dict)
    fail_on: Severity = DEFAULT_FAIL_ON


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
    if not path.is_file():
        raise ConfigError("config file not found", path)
    data = yamlfile.load(path, ConfigError)
    if data is None:
        data = yamlfile.Mapping()
    if not isinstance(data, Mapping):
        raise ConfigError("a config file must be a mapping of keys", path, 1)
    for key in data:
        if key not in KEYS:
            raise ConfigError(f"unknown key {key!r} (known: {', '.join(KEYS)})", path, data.line_of(key))

    extends = data.get("extends", "recommended")
    if extends == "recommended":
        layers = _Layers(packs=[builtin_dir()])
    elif extends in ("none", None):
        layers = _Layers()
    elif isinstance(extends, str):
        layers = _read(path.parent / extends, (*chain, path))
    else:
        raise ConfigError("'extends' must be 'recommended', 'none' or a path", path, data.line_of("extends"))

    for index, pack in enumerate(_list(data, "packs", path)):
        directory = path.parent / str(pack)
        if not directory.is_dir():
            raise ConfigError(f"pack directory {pack!r} not found", path, data["packs"].line_of(index))
        layers.packs.append(directory)
    for key, target in (("rules", layers.rules), ("categories", layers.categories)):
        section = data.get(key) or {}
        if not isinstance(section, Mapping):
            raise ConfigError(f"'{key}' must be a mapping", path, data.line_of(key))
        for name, value in section.items():
            previous = target.get(name)
            if previous and isinstance(previous.value, Mapping) and isinstance(value, Mapping):
                value = _merge(previous.value, value)
            target[str(name)] = Setting(value, path, section.line_of(name))
    if "fail-on" in data:
        layers.fail_on = _severity(data["fail-on"], path, data.line_of("fail-on"))
    return layers


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
    for rule in rules:
        configured = _apply(rule, layers.categories.get(rule.category), layers.rules.get(rule.id))
        if configured is not None and rule.id not in disable and rule.category not in disable:
            enabled.append(configured)
    return Config(rules=tuple(enabled), fail_on=layers.fail_on, source=source)


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
            for key in value:
                if key not in ("severity", "options"):
                    raise ConfigError(f"unknown key {key!r} for rule {rule.id} (known: severity, options)", *where)
            severity = _severity(value["severity"], *where) if "severity" in value else None
            on, rule = True, rule.configured(severity, value.get("options"), where)
        else:
            raise ConfigError(f"expected off, on, error, warning, info or a mapping, not {value!r}", *where)
    return rule if on else None
