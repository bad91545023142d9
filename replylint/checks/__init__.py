"""The check kinds a rule can choose with `check:`; one module per kind."""

from . import (
    boilerplate,
    canned,
    deadline,
    declined,
    fallback,
    name,
    phrase,
    placeholder,
    reference,
    relevance,
    require,
    salutation,
    shouting,
    swapped,
    template_syntax,
)

CHECKS = {
    "boilerplate": boilerplate,
    "canned": canned,
    "deadline": deadline,
    "declined": declined,
    "fallback": fallback,
    "name": name,
    "phrase": phrase,
    "placeholder": placeholder,
    "reference": reference,
    "relevance": relevance,
    "require": require,
    "salutation": salutation,
    "shouting": shouting,
    "swapped": swapped,
    "template-syntax": template_syntax,
}
