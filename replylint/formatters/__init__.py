"""Output formats: each turns results into a string and decides nothing."""

from . import github, gitlab, json, junit, sarif, text

FORMATTERS = {
    "github": github.render,
    "gitlab": gitlab.render,
    "json": json.render,
    "junit": junit.render,
    "sarif": sarif.render,
    "text": text.render,
}
