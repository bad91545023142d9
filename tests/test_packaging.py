"""Packaging: the wheel ships every subpackage of replylint."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).parent.parent


def test_every_subpackage_is_listed_in_pyproject():
    """Each folder of replylint/ with an __init__.py is in [tool.setuptools] packages."""
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"])
    found = {
        ".".join(init.parent.relative_to(ROOT).parts)
        for init in (ROOT / "replylint").rglob("__init__.py")
        if "__pycache__" not in init.parts
    }
    assert found - listed == set()


def test_every_rule_pack_folder_ships():
    """Each folder of rules/ (a pack of YAML files) is a package of the wheel, with its YAML as data:
    a folder missing from the list would be left out of the wheel without a word."""
    setuptools = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    packs = {f"replylint.rules.{folder.name}" for folder in (ROOT / "rules").iterdir() if any(folder.glob("*.yaml"))}
    assert packs - set(setuptools["packages"]) == set()
    assert {pack for pack in packs if "*.yaml" not in setuptools["package-data"].get(pack, [])} == set()
