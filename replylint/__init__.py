"""replylint: lint drafted customer-support replies for the ten classic customer-service mistakes."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

__version__ = "0.1.0"

# The public API, imported on first use: `replylint --version` must not load spaCy or the rules.
_EXPORTS = {
    "CATEGORIES": "model",
    "Config": "config",
    "Customer": "model",
    "Draft": "model",
    "Finding": "model",
    "Linter": "engine",
    "Report": "model",
    "ReplylintError": "errors",
    "Severity": "model",
    "Span": "model",
    "Thresholds": "decision",
    "Verdict": "decision",
    "decide": "decision",
    "lint": "engine",
    "load_config": "config",
    "scores": "decision",
    "verdict": "decision",
}

__all__ = [
    "CATEGORIES",
    "Config",
    "Customer",
    "Draft",
    "Finding",
    "Linter",
    "ReplylintError",
    "Report",
    "Severity",
    "Span",
    "Thresholds",
    "Verdict",
    "__version__",
    "decide",
    "lint",
    "load_config",
    "scores",
    "verdict",
]

if TYPE_CHECKING:
    from .config import Config, load_config
    from .decision import Thresholds, Verdict, decide, scores, verdict
    from .engine import Linter, lint
    from .errors import ReplylintError
    from .model import CATEGORIES, Customer, Draft, Finding, Report, Severity, Span


def __getattr__(name: str) -> object:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'replylint' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value
