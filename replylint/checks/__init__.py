"""The check kinds a rule can choose with `check:`; one module per kind."""

from . import phrase, require

CHECKS = {
    "phrase": phrase,
    "require": require,
}
