"""The check kinds a rule can choose with `check:`; one module per kind."""

from . import canned, phrase, placeholder, record, relevance, require, salutation, shouting

CHECKS = {
    "canned": canned,
    "phrase": phrase,
    "placeholder": placeholder,
    "record": record,
    "relevance": relevance,
    "require": require,
    "salutation": salutation,
    "shouting": shouting,
}
