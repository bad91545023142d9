"""The check kinds a rule can choose with `check:`; one module per kind."""

from . import phrase, placeholder, record, require, salutation, shouting

CHECKS = {
    "phrase": phrase,
    "placeholder": placeholder,
    "record": record,
    "require": require,
    "salutation": salutation,
    "shouting": shouting,
}
