"""replylint: lint drafted customer-support replies for the ten classic customer-service mistakes."""

from __future__ import annotations

__version__ = "0.1.0"

from .config import Config, load_config  # noqa: E402
from .engine import Linter, lint  # noqa: E402
from .errors import ReplylintError  # noqa: E402
from .model import CATEGORIES, Customer, Draft, Finding, Report, Severity, Span  # noqa: E402

__all__ = [
    "CATEGORIES",
    "Config",
    "Customer",
    "Draft",
    "Finding",
    "Linter",
    "Report",
    "ReplylintError",
    "Severity",
    "Span",
    "__version__",
    "lint",
    "load_config",
]
