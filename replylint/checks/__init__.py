"""The check kinds a rule can choose with `check:`; one module per kind."""

from . import phrase, placeholder, require, shouting

CHECKS = {
    "phrase": phrase,
    "placeholder": placeholder,
    "require": require,
    "shouting": shouting,
}
