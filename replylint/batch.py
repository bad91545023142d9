"""Lint a stream of sources: one Linter per config file, drafts batched through the pipeline."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from .config import Config, find_config, load_config
from .engine import Linter
from .errors import ReplylintError
from .inputs import Source
from .model import Report

BATCH = 256


class Linters:
    """One Linter per config: the given one, or the .replylint.yaml found above each draft's folder."""

    def __init__(self, config_file: Path | None = None, disable: tuple[str, ...] = ()):
        self.config_file = config_file
        self.disable = disable
        self._by_config: dict[Path | None, Linter] = {}
        self._config_of: dict[Path, Path | None] = {}

    def for_path(self, path: str) -> Linter:
        """Return the Linter for a draft at path ("-" means the current folder)."""
        if self.config_file is not None:
            key = self.config_file
        else:
            folder = Path.cwd() if path == "-" else Path(path).parent
            if folder not in self._config_of:
                self._config_of[folder] = find_config(folder)
            key = self._config_of[folder]
        if key not in self._by_config:
            self._by_config[key] = Linter(load_config(key, self.disable))
        return self._by_config[key]


def lint_sources(
    items: Iterable[Source | ReplylintError], linters: Linters
) -> Iterator[tuple[Source, Report, Config] | ReplylintError]:
    """Yield each source with its report and config, in order; errors pass through."""
    pending: list[Source] = []
    current: Linter | None = None

    def flush() -> Iterator[tuple[Source, Report, Config]]:
        reports = current.lint_many(source.draft for source in pending)
        for source, report in zip(pending, reports):
            yield source, report, current.config
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
