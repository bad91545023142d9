"""Output formats: each turns results into a string and decides nothing."""

from . import json, text

FORMATTERS = {
    "json": json.render,
    "text": text.render,
}
