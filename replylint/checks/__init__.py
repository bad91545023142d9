"""The check kinds a rule can choose with `check:`; one module per kind."""

from . import canned, name, phrase, placeholder, reference, relevance, require, salutation, shouting, swapped

CHECKS = {
    "canned": canned,
    "name": name,
    "phrase": phrase,
    "placeholder": placeholder,
    "reference": reference,
    "relevance": relevance,
    "require": require,
    "salutation": salutation,
    "shouting": shouting,
    "swapped": swapped,
}
