"""Lint a stream of sources: one Linter per config file, drafts batched through the pipeline."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator
from pathlib import Path

from .config import Config, find_config, load_config
from .engine import Linter
from .errors import ReplylintError
from .inputs import Reading, Source
from .model import Report

BATCH = 256


class Linters:
    """The config of each file (the given one, or the .replylint.yaml above it), and one Linter per rule set."""

    def __init__(self, config_file: Path | None = None, disable: tuple[str, ...] = (), template: bool = False):
        self.config_file = config_file
        self.disable = disable
        self.template = template  # --template: every file is a template
        self._configs: dict[Path | None, Config] = {}
        self._config_of: dict[Path, Path | None] = {}
        self._linters: dict[int, tuple[tuple, Linter]] = {}
        self._by_file: dict[str, Config] = {}

    def config_for(self, path: str | Path) -> Config:
        """Return the config for a file ("-" means stdin, read as if in the current folder)."""
        if str(path) not in self._by_file:
            self._by_file[str(path)] = self._resolve(path)
        return self._by_file[str(path)]

    def _resolve(self, path: str | Path) -> Config:
        file = Path.cwd() / "-" if str(path) == "-" else Path(path)
        if self.config_file is not None:
            key = self.config_file
        else:
            folder = file.parent
            if folder not in self._config_of:
                self._config_of[folder] = find_config(folder)
            key = self._config_of[folder]
        if key not in self._configs:
            self._configs[key] = load_config(key, self.disable)
        config = self._configs[key].for_file(file)
        return dataclasses.replace(config, template=True) if self.template else config

    def reading(self, path: Path) -> Reading | None:
        """Return how to read a file, or None when the config ignores it."""
        config = self.config_for(path)
        return None if config.ignored else Reading(config.template, config.fields, config.markup)

    def for_path(self, path: str) -> Linter:
        """Return the Linter for a file's rule set."""
        rules = self.config_for(path).rules
        if id(rules) not in self._linters:
            self._linters[id(rules)] = (rules, Linter(self.config_for(path)))  # the tuple keeps rules alive
        return self._linters[id(rules)][1]


def lint_sources(
    items: Iterable[Source | ReplylintError], linters: Linters
) -> Iterator[tuple[Source, Report, Config] | ReplylintError]:
    """Yield each source with its report and config, in order; errors pass through."""
    pending: list[Source] = []
    current: Linter | None = None

    def flush() -> Iterator[tuple[Source, Report, Config]]:
        reports = current.lint_many(source.draft for source in pending)
        for source, report in zip(pending, reports):
            yield source, report, linters.config_for(source.path)
        pending.clear()

    for item in items:
        if isinstance(item, ReplylintError):
            if pending:
                yield from flush()
            yield item
            continue
        linter = linters.for_path(item.path)
        if pending and (linter is not current or len(pending) >= BATCH):
            yield from flush()
        current = linter
        pending.append(item)
    if pending:
        yield from flush()
