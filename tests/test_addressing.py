"""Addressing: the names a reply greets or addresses directly."""

from __future__ import annotations

from replylint.addressing import (
    GREETINGS,
    NOT_NAMES,
    PARTICLES,
    SIGN_OFFS,
    Addressing,
    GreetingOptions,
    addressing,
)


def direct(finder: Addressing, text: str) -> list[tuple[bool, list[str]]]:
    """Return (titled, words) of each name the text addresses after its greeting."""
    return [(m.titled, [w.text for w in m.words]) for m in finder.mentions(text) if not m.greeting]


def test_direct_address_needs_a_capital():
    """', Jon.' addresses someone; ', jon.' and ', and all.' do not."""
    finder = addressing(GreetingOptions())
    assert direct(finder, "Hi Ana,\nDone, Jon.") == [(False, ["Jon"])]
    assert direct(finder, "Hi Ana,\nDone, thanks, and all, jon.") == []


def test_direct_address_after_a_lowercase_title():
    """A title in lowercase still marks a surname: ', mr. Smith.'"""
    assert direct(addressing(GreetingOptions()), "Hi Ana,\nDone, mr. Smith.") == [(True, ["Smith"])]


def test_direct_address_after_a_configured_title():
    """A configured title is found in lowercase, without its dot, and with its accent decomposed."""
    finder = Addressing(GREETINGS, 2, ("Dr.", "élu"), PARTICLES, NOT_NAMES, SIGN_OFFS)
    assert direct(finder, "Done, dr Smith.") == [(True, ["Smith"])]
    assert direct(finder, "Done, e\u0301lu Smith.") == [(True, ["Smith"])]
    assert direct(finder, "Done, drake.") == []
