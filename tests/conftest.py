"""Shared fixtures: rule files written on the fly, and the --update-golden switch."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from replylint.config import Config
from replylint.engine import Linter
from replylint.rule import load_rule

ROOT = Path(__file__).parent.parent


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true", help="Rewrite tests/formatters/golden/ files.")


@pytest.fixture
def write_rule(tmp_path):
    """Write a rule file (dedented YAML) and return its path."""

    def write(text: str, name: str = "sample-rule", folder: Path | None = None) -> Path:
        directory = folder or tmp_path / "pack"
        directory.mkdir(parents=True, exist_ok=True)
        path = directory / f"{name}.yaml"
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    return write


@pytest.fixture
def linter_for(write_rule):
    """Build a Linter holding only the rule written from the given YAML."""

    def build(text: str, name: str = "sample-rule") -> Linter:
        return Linter(Config(rules=(load_rule(write_rule(text, name)),)))

    return build
