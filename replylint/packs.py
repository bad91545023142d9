"""Find rule packs (the built-in one and the user's) and load their rules; ids must be unique."""

from __future__ import annotations

import functools
from collections.abc import Iterable
from pathlib import Path

from .errors import RuleError
from .rule import Rule, load_rule


def builtin_dir() -> Path:
    """Return the built-in rules directory: inside the installed package, or beside it in a checkout."""
    installed = Path(__file__).parent / "rules"
    return installed if installed.is_dir() else Path(__file__).parent.parent / "rules"


def rule_files(directory: Path) -> list[Path]:
    """Return the rule files under directory, sorted; hidden files and `_shared.yaml` data files are skipped."""
    files = [*directory.rglob("*.yaml"), *directory.rglob("*.yml")]
    rules = [
        f for f in files
        if not f.name.startswith("_") and not any(p.startswith(".") for p in f.relative_to(directory).parts)
    ]
    return sorted(rules)


@functools.lru_cache(maxsize=64)
def load_pack(directory: Path) -> tuple[Rule, ...]:
    """Load every rule of one pack directory."""
    return tuple(load_rule(path) for path in rule_files(directory))


def load_packs(directories: Iterable[Path]) -> list[Rule]:
    """Load the rules of several packs; the same id in two files is an error naming both."""
    seen: dict[str, Rule] = {}
    for directory in directories:
        for rule in load_pack(directory.resolve()):
            if rule.id in seen:
                first = seen[rule.id].source
                raise RuleError(f"duplicate rule id {rule.id!r} (also defined in {first})", rule.source, 1)
            seen[rule.id] = rule
    return list(seen.values())
